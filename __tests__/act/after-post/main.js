// Nothing to do before the job's steps: this action exists for its post step.
console.log(`after the job, builder ${process.env.INPUT_BUILDER} must be ${process.env.INPUT_EXPECT}`);
