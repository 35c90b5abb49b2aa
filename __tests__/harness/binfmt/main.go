// Test double of the tonistiigi/binfmt installer (cmd/binfmt), the entrypoint of the
// tonistiigi/binfmt image that the action runs privileged to register QEMU emulators.
//
// Why a double: github.com/tonistiigi/binfmt is not served by the Go module proxy on the
// offline test machines, so the real installer cannot be built there. This program
// re-implements its command-line behaviour (flags, log lines on stderr, JSON on stdout, exit
// code 0 even when a registration fails, errors logged as `error: %+v` of a wrapped error with
// its stack trace) against the host kernel's real binfmt_misc, with the standard library only.
// __tests__/harness/binfmt-image.sh builds it once per release tag it stands for, with that
// release's architectures (-X main.architectures=...), and packs it with Debian's
// qemu-user-static binaries of those architectures into an image under the release's name; on a
// machine with internet the harness pulls the real images instead and this program is not used.
//
// Known differences from the real installer:
//   - it never registers the native architecture (the real one would, for an explicit
//     --install amd64 on amd64, and route every host binary through QEMU);
//   - "supported" is probed with hand-made ELF programs that exit 0, as BuildKit's archutil
//     does with its own, but amd64 microarchitecture variants (linux/amd64/v2...) are not listed;
//   - magic/mask strings come from Debian's /usr/share/binfmts (qemu-binfmt-conf.sh for i386 and
//     x86_64, which Debian leaves out on amd64); they differ from upstream's in a few mask bytes;
//   - the stack trace of an error names this program's functions, not the real installer's.
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
)

// Set with -ldflags "-X main.revision=... -X main.qemuVersion=... -X main.architectures=...".
var (
	revision    = "double"
	qemuVersion = "unknown"
	// The architectures the release's installer is configured for (its configs map): the others
	// are "unsupported architecture", as loong64 is before deploy/v8.1.5-45. Empty: all of them.
	architectures = ""
)

var (
	mount       = flag.String("mount", "/proc/sys/fs/binfmt_misc", "binfmt_misc mount point")
	toInstall   = flag.String("install", "", "architectures to install")
	toUninstall = flag.String("uninstall", "", "architectures to uninstall")
	flVersion   = flag.Bool("version", false, "display version")
)

// emulator describes one architecture: its binfmt_misc registration and a probe program.
type emulator struct {
	arch    string // OCI architecture: arm64, 386, mips64le...
	binary  string // interpreter name: qemu-aarch64
	magic   string // as written to the register file (\x escapes are decoded by the kernel)
	mask    string
	elf64   bool
	order   binary.ByteOrder
	machine uint16 // e_machine
	flags   uint32 // e_flags
	code    []byte // machine code of exit(0)
}

func words(o binary.ByteOrder, ws ...uint32) []byte {
	b := make([]byte, 4*len(ws))
	for i, w := range ws {
		o.PutUint32(b[4*i:], w)
	}
	return b
}

var le, be = binary.LittleEndian, binary.BigEndian

// In the order BuildKit's archutil.SupportedPlatforms lists them.
var emulators = []emulator{
	{"amd64", "qemu-x86_64", `\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00`, `\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff`,
		true, le, 62, 0, []byte{0xb8, 60, 0, 0, 0, 0x31, 0xff, 0x0f, 0x05}}, // mov eax,60; xor edi,edi; syscall
	{"arm64", "qemu-aarch64", `\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00`, `\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff`,
		true, le, 183, 0, words(le, 0xd2800ba8, 0xd2800000, 0xd4000001)}, // mov x8,#93; mov x0,#0; svc #0
	{"riscv64", "qemu-riscv64", `\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00`, `\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff`,
		true, le, 243, 0, words(le, 0x05d00893, 0x00000513, 0x00000073)}, // li a7,93; li a0,0; ecall
	{"ppc64le", "qemu-ppc64le", `\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x15\x00`, `\xff\xff\xff\xff\xff\xff\xff\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\x00`,
		true, le, 21, 2, words(le, 0x38000001, 0x38600000, 0x44000002)}, // li r0,1; li r3,0; sc
	{"s390x", "qemu-s390x", `\x7f\x45\x4c\x46\x02\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x16`, `\xff\xff\xff\xff\xff\xff\xff\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff`,
		true, be, 22, 0, []byte{0xa7, 0x29, 0, 0, 0x0a, 0x01}}, // lghi %r2,0; svc 1
	{"386", "qemu-i386", `\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00`, `\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff`,
		false, le, 3, 0, []byte{0xb8, 1, 0, 0, 0, 0x31, 0xdb, 0xcd, 0x80}}, // mov eax,1; xor ebx,ebx; int 0x80
	{"mips64le", "qemu-mips64el", `\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x08\x00`, `\xff\xff\xff\xff\xff\xff\xff\x00\xfe\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff`,
		true, le, 8, 0x80000007, words(le, 0x240213c2, 0x24040000, 0x0000000c)}, // li v0,5058; li a0,0; syscall
	{"mips64", "qemu-mips64", `\x7f\x45\x4c\x46\x02\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x08`, `\xff\xff\xff\xff\xff\xff\xff\x00\xfe\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff`,
		true, be, 8, 0x80000007, words(be, 0x240213c2, 0x24040000, 0x0000000c)},
	{"loong64", "qemu-loongarch64", `\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x02\x01`, `\xff\xff\xff\xff\xff\xff\xff\xfc\x00\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff`,
		true, le, 258, 0x43, words(le, 0x0281740b, 0x02800004, 0x002b0000)}, // addi.w a7,zero,93; addi.w a0,zero,0; syscall 0
	{"arm", "qemu-arm", `\x7f\x45\x4c\x46\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00`, `\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff`,
		false, le, 40, 0x05000000, words(le, 0xe3a07001, 0xe3a00000, 0xef000000)}, // mov r7,#1; mov r0,#0; svc 0
}

// configured reports whether this release's installer has an entry for arch.
func configured(arch string) bool {
	return architectures == "" || slices.Contains(strings.Split(architectures, ","), arch)
}

// lookup finds the entry of a configured architecture.
func lookup(arch string) (emulator, bool) {
	for _, e := range emulators {
		if e.arch == arch && configured(arch) {
			return e, true
		}
	}
	return emulator{}, false
}

// wrapped is an error with a message and the stack where it was made, printed by %+v as the real
// installer's errors (github.com/pkg/errors' Wrapf) are: the cause, the message, then one
// "function\n\tfile:line" pair per frame.
type wrapped struct {
	cause error
	msg   string
	stack []uintptr
}

func wrapf(cause error, format string, args ...any) error {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(2, pcs)
	return &wrapped{cause, fmt.Sprintf(format, args...), pcs[:n]}
}

func (w *wrapped) Error() string { return w.msg + ": " + w.cause.Error() }
func (w *wrapped) Unwrap() error { return w.cause }

func (w *wrapped) Format(s fmt.State, verb rune) {
	if verb != 'v' || !s.Flag('+') {
		fmt.Fprint(s, w.Error())
		return
	}
	fmt.Fprintf(s, "%+v\n%s", w.cause, w.msg)
	frames := runtime.CallersFrames(w.stack)
	for {
		f, more := frames.Next()
		fmt.Fprintf(s, "\n%s\n\t%s:%d", f.Function, f.File, f.Line)
		if !more {
			return
		}
	}
}

// elf returns a static executable of one PT_LOAD segment that exits with status 0.
func (e emulator) elf() []byte {
	const base = 0x400000
	var b bytes.Buffer
	ident := [16]byte{0x7f, 'E', 'L', 'F', 1, 1, 1}
	if e.elf64 {
		ident[4] = 2
	}
	if e.order == be {
		ident[5] = 2
	}
	w := func(v any) { binary.Write(&b, e.order, v) }
	if e.elf64 {
		hdr, ph := uint64(64), uint64(56)
		size := hdr + ph + uint64(len(e.code))
		w(struct {
			Ident                               [16]byte
			Type, Machine                       uint16
			Version                             uint32
			Entry, Phoff, Shoff                 uint64
			Flags                               uint32
			Ehsize, Phentsize, Phnum, Shentsize uint16
			Shnum, Shstrndx                     uint16
		}{ident, 2, e.machine, 1, base + hdr + ph, hdr, 0, e.flags, uint16(hdr), uint16(ph), 1, 0, 0, 0})
		w(struct {
			Type, Flags                             uint32
			Off, Vaddr, Paddr, Filesz, Memsz, Align uint64
		}{1, 5, 0, base, base, size, size, 0x1000})
	} else {
		hdr, ph := uint32(52), uint32(32)
		size := hdr + ph + uint32(len(e.code))
		w(struct {
			Ident                               [16]byte
			Type, Machine                       uint16
			Version, Entry, Phoff, Shoff, Flags uint32
			Ehsize, Phentsize, Phnum, Shentsize uint16
			Shnum, Shstrndx                     uint16
		}{ident, 2, e.machine, 1, base + hdr + ph, hdr, 0, e.flags, uint16(hdr), uint16(ph), 1, 0, 0, 0})
		w(struct {
			Type, Off, Vaddr, Paddr, Filesz, Memsz, Flags, Align uint32
		}{1, 0, base, base, size, size, 5, 0x1000})
	}
	b.Write(e.code)
	return b.Bytes()
}

// runnable executes the probe: true if the kernel runs it, natively or through binfmt_misc.
func (e emulator) runnable() bool {
	f, err := os.CreateTemp("", "binfmt-probe-")
	if err != nil {
		return false
	}
	defer os.Remove(f.Name())
	_, err = f.Write(e.elf())
	if cerr := f.Close(); err != nil || cerr != nil || os.Chmod(f.Name(), 0o700) != nil {
		return false
	}
	return exec.Command(f.Name()).Run() == nil
}

// supportedPlatforms mirrors archutil.SupportedPlatforms(true): the native platform, then
// every platform whose probe runs.
func supportedPlatforms() []string {
	out := []string{"linux/" + runtime.GOARCH}
	for _, e := range emulators {
		if e.arch == runtime.GOARCH || !e.runnable() {
			continue
		}
		if e.arch == "arm" {
			out = append(out, "linux/arm/v7", "linux/arm/v6")
		} else {
			out = append(out, "linux/"+e.arch)
		}
	}
	return out
}

// parsePlatform accepts what containerd's platforms.Parse accepts for our purposes: an
// architecture ("arm64", "aarch64") or "linux/<arch>[/<variant>]"; it returns the OCI architecture.
func parsePlatform(s string) (string, bool) {
	parts := strings.Split(strings.ToLower(s), "/")
	if len(parts) > 1 {
		if parts[0] != "linux" || len(parts) > 3 {
			return "", false
		}
		parts = parts[1:]
	}
	arch := parts[0]
	switch arch {
	case "x86_64", "x86-64":
		arch = "amd64"
	case "aarch64":
		arch = "arm64"
	case "i386", "i486", "i586", "i686":
		arch = "386"
	case "armhf", "armel":
		arch = "arm"
	}
	switch arch {
	case "386", "amd64", "arm", "arm64", "ppc64le", "riscv64", "s390x", "mips64", "mips64le", "loong64",
		"armbe", "arm64be", "ppc64", "ppc", "mips", "mipsle", "riscv", "s390", "sparc", "sparc64", "wasm":
		return arch, true
	}
	return "", false
}

func binaryPaths(e emulator) (base, full string, err error) {
	dir := "/usr/bin"
	if v := os.Getenv("QEMU_BINARY_PATH"); v != "" {
		dir = v
	}
	base = e.binary
	if prefix := os.Getenv("QEMU_BINARY_PREFIX"); prefix != "" {
		if strings.ContainsRune(prefix, os.PathSeparator) {
			return "", "", errors.New("binary prefix must not contain path separator (Hint: set $QEMU_BINARY_PATH to specify the directory)")
		}
		base = prefix + base
	}
	return base, filepath.Join(dir, base), nil
}

func install(arch string) error {
	e, ok := lookup(arch)
	if !ok {
		return fmt.Errorf("unsupported architecture: %v", arch)
	}
	if arch == runtime.GOARCH {
		return fmt.Errorf("skipped: %s is the native architecture (test double: the real installer registers it)", arch)
	}
	register := filepath.Join(*mount, "register")
	f, err := os.OpenFile(register, os.O_WRONLY, 0)
	switch {
	case errors.Is(err, syscall.ENOENT):
		return fmt.Errorf("ENOENT opening %s is it mounted?", register)
	case errors.Is(err, syscall.EPERM):
		return fmt.Errorf("EPERM opening %s check permissions?", register)
	case err != nil:
		return fmt.Errorf("Cannot open %s: %s", register, err)
	}
	defer f.Close()
	flags := "CF" // the kernel adds O (open-binary), implied by C: the entry shows "flags: OCF"
	if os.Getenv("QEMU_PRESERVE_ARGV0") != "" {
		flags += "P"
	}
	base, full, err := binaryPaths(e)
	if err != nil {
		return err
	}
	line := fmt.Sprintf(":%s:M:0:%s:%s:%s:%s", base, e.magic, e.mask, full, flags)
	if _, err := f.Write([]byte(line)); err != nil {
		if errors.Is(err, syscall.EEXIST) {
			return fmt.Errorf("%s already registered", base)
		}
		return fmt.Errorf("cannot register %q to %s: %s", full, register, err)
	}
	return nil
}

// allArchs is "--install all": every configured arch whose interpreter exists, minus the
// platforms already runnable (natively or through an existing registration).
func allArchs() []string {
	have := map[string]bool{}
	for _, p := range supportedPlatforms() {
		have[strings.Split(p, "/")[1]] = true
	}
	var out []string
	for _, e := range emulators {
		if have[e.arch] || !configured(e.arch) {
			continue
		}
		if _, full, err := binaryPaths(e); err != nil {
			out = append(out, e.arch) // install() reports the error
		} else if _, err := os.Stat(full); err == nil {
			out = append(out, e.arch)
		}
	}
	return out
}

func parseInstall(in string) []string {
	if in == "all" {
		return allArchs()
	}
	var out []string
	for _, v := range strings.Split(in, ",") {
		if v == "" {
			continue
		}
		if arch, ok := parsePlatform(v); ok {
			v = arch
		}
		out = append(out, v)
	}
	return out
}

// parseUninstall expands each item: a platform becomes its interpreter's suffix ("aarch64"),
// globs ("qemu-*") expand against the entries of the mount; unmatched items are kept as given.
func parseUninstall(in string) []string {
	var out []string
	for _, v := range strings.Split(in, ",") {
		if v == "" {
			continue
		}
		if arch, ok := parsePlatform(v); ok {
			if e, ok := lookup(arch); ok {
				v = strings.TrimPrefix(e.binary, "qemu-")
			}
		}
		matches, err := filepath.Glob(filepath.Join(*mount, v))
		if err != nil || len(matches) == 0 {
			out = append(out, v)
		}
		for _, m := range matches {
			out = append(out, filepath.Base(m))
		}
	}
	return out
}

func skipped(name string) bool {
	return name == "register" || name == "status" || name == "WSLInterop"
}

// uninstall disables the first entry named name or ending in "-name" by writing -1 to it.
func uninstall(name string) error {
	entries, err := os.ReadDir(*mount)
	if err != nil {
		return err
	}
	for _, de := range entries {
		if skipped(de.Name()) {
			continue
		}
		if de.Name() == name || strings.HasSuffix(de.Name(), "-"+name) {
			return os.WriteFile(filepath.Join(*mount, de.Name()), []byte("-1"), 0o600)
		}
	}
	return errors.New("not found")
}

func printStatus() error {
	entries, err := os.ReadDir(*mount)
	if err != nil {
		return err
	}
	var emulators []string // stays null in the JSON when none is enabled, as in the real tool
	for _, de := range entries {
		if de.Name() == "register" || de.Name() == "status" {
			continue
		}
		dt, err := os.ReadFile(filepath.Join(*mount, de.Name()))
		if err != nil {
			return err
		}
		if strings.HasPrefix(string(dt), "enabled") {
			emulators = append(emulators, de.Name())
		}
	}
	dt, err := json.MarshalIndent(struct {
		Supported []string `json:"supported"`
		Emulators []string `json:"emulators"`
	}{supportedPlatforms(), emulators}, "", "  ")
	if err != nil {
		return err
	}
	fmt.Printf("%s\n", dt)
	return nil
}

func run() error {
	if *flVersion {
		log.Printf("binfmt/%s qemu/%s go/%s", revision, qemuVersion, strings.TrimPrefix(runtime.Version(), "go"))
		return nil
	}
	if _, err := os.Stat(filepath.Join(*mount, "status")); err != nil {
		if err := syscall.Mount("binfmt_misc", *mount, "binfmt_misc", 0, ""); err != nil {
			return wrapf(err, "cannot mount binfmt_misc filesystem at %s", *mount)
		}
		defer syscall.Unmount(*mount, 0)
	}
	for _, name := range parseUninstall(*toUninstall) {
		if err := uninstall(name); err != nil {
			log.Printf("uninstalling: %s %v", name, err)
		} else {
			log.Printf("uninstalling: %s OK", name)
		}
	}
	for _, arch := range parseInstall(*toInstall) {
		if err := install(arch); err != nil {
			log.Printf("installing: %s %v", arch, err)
		} else {
			log.Printf("installing: %s OK", arch)
		}
	}
	return printStatus()
}

func main() {
	log.SetFlags(0) // stderr, no timestamps
	flag.Parse()
	if err := run(); err != nil {
		log.Printf("error: %+v", err) // and exit 0, like the real installer
	}
}
