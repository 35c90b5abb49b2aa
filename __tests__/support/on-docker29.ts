/** jest setupFiles of the e2e-docker29 project: the test file, and all it starts, use engine 29. */
import { DOCKER29_HOST } from './engine-under-test.js';

process.env.DOCKER_HOST = DOCKER29_HOST;
