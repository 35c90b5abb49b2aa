import { imageCacheKeys } from '../../src/actions-cache/image-cache.js';

describe('imageCacheKeys', () => {
  const id = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

  test('the key is the prefix plus the image ID; the prefix finds any ID of the same image and architecture', () => {
    const { prefix, key } = imageCacheKeys('moby/buildkit:buildx-stable-1', 'x86_64', id);
    expect(prefix).toMatch(/^setup-buildkit-image-x86_64-[0-9a-f]{16}-$/);
    expect(key).toBe(`${prefix}0123456789abcdef`);
    expect(imageCacheKeys('moby/buildkit:buildx-stable-1', 'x86_64').prefix).toBe(prefix);
  });

  test('another reference or another architecture is another prefix (no prefix is a prefix of another)', () => {
    const a = imageCacheKeys('moby/buildkit:buildx-stable-1', 'x86_64').prefix;
    const others = [
      imageCacheKeys('moby/buildkit:v0.26.3', 'x86_64').prefix,
      imageCacheKeys('moby/buildkit:buildx-stable-1', 'aarch64').prefix,
      imageCacheKeys('tonistiigi/binfmt:qemu-v7.0.0-28', 'x86_64').prefix,
    ];
    for (const b of others) {
      expect(b).not.toBe(a);
      expect(b.startsWith(a) || a.startsWith(b)).toBe(false);
    }
  });
});
