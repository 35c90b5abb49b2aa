// Checks the builder's container and state volume after setup-buildkit's post step has run.
import { execFileSync } from 'node:child_process';

const builder = process.env.INPUT_BUILDER;
const expect = process.env.INPUT_EXPECT || 'removed';
const container = `buildx_buildkit_${builder}0`;
const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

const left = [
  docker('ps', '-aq', '--filter', `name=^${container}$`) && `container ${container}`,
  docker('volume', 'ls', '-q', '--filter', `name=^${container}_state$`) && `volume ${container}_state`,
].filter(Boolean);

if (expect === 'kept') {
  // Removed here, after the check, so that a kept builder does not outlive the test.
  execFileSync('docker', ['buildx', 'rm', '--force', builder], { stdio: 'inherit' });
  if (left.length !== 2) {
    console.log(`::error::cleanup is off, yet builder ${builder} lost its ${left.length ? 'volume' : 'container and volume'}`);
    process.exit(1);
  }
} else if (left.length) {
  console.log(`::error::builder ${builder} left behind: ${left.join(', ')}`);
  process.exit(1);
}
console.log(`builder ${builder}: ${expect}, as expected`);
