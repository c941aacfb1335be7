#!/usr/bin/env python3
"""Makes TorchSharp's libLibTorchSharp.so load on a libstdc++ older than GCC 13 (Debian 12).

libLibTorchSharp.so 0.107.0 asks for GLIBCXX_3.4.32 only for std::ios_base_library_init, a no-op
link anchor. We (a) drop that symbol's version, (b) mark the GLIBCXX_3.4.32 requirement weak so the
loader tolerates its absence, and (c) provide the symbol from a tiny shim library next to it.
Does nothing when the system libstdc++ already has GLIBCXX_3.4.32 or the file is already patched.
Usage: patch_libtorchsharp.py <dir containing libLibTorchSharp.so>
"""
import glob, os, shutil, struct, subprocess, sys, tempfile

SYMBOL = "_ZSt21ios_base_library_initv"
VERSION = b"GLIBCXX_3.4.32"
SHIM = "libfobcompat.so"
VER_FLG_WEAK = 0x2


def system_has_version():
    for lib in glob.glob("/usr/lib/x86_64-linux-gnu/libstdc++.so.6*") + glob.glob("/usr/lib64/libstdc++.so.6*"):
        try:
            with open(lib, "rb") as f:
                if VERSION in f.read():
                    return True
        except OSError:
            pass
    return False


def ensure_patchelf():
    if shutil.which("patchelf"):
        return
    apt = ["apt-get", "install", "-y", "-qq", "patchelf"]
    if os.geteuid() != 0:
        apt = ["sudo", "-n"] + apt
    subprocess.run(apt, check=True, stdout=subprocess.DEVNULL)


def mark_version_weak(path):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        e_shoff, = struct.unpack_from("<Q", data, 0x28)
        e_shentsize, e_shnum, e_shstrndx = struct.unpack_from("<HHH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, e_shoff + i * e_shentsize) for i in range(e_shnum)]
        SHT_GNU_verneed = 0x6FFFFFFE
        for sh in sections:
            if sh[1] != SHT_GNU_verneed:
                continue
            strtab = sections[sh[6]]
            str_off = strtab[4]
            off = sh[4]
            while True:
                vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, off)
                aux = off + vn_aux
                for _ in range(vn_cnt):
                    vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                    name_start = str_off + vna_name
                    name = bytes(data[name_start:data.index(b"\0", name_start)])
                    if name == VERSION:
                        struct.pack_into("<H", data, aux + 4, vna_flags | VER_FLG_WEAK)
                    if vna_next == 0:
                        break
                    aux += vna_next
                if vn_next == 0:
                    break
                off += vn_next
        f.seek(0)
        f.write(data)


def main(folder):
    target = os.path.join(folder, "libLibTorchSharp.so")
    if not os.path.exists(target) or system_has_version():
        return 0
    shim = os.path.join(folder, SHIM)
    needed = subprocess.run(["readelf", "-d", target], capture_output=True, text=True).stdout
    if SHIM in needed and os.path.exists(shim):
        return 0
    ensure_patchelf()
    # Work on a private copy: the file may be a hard link into the NuGet cache.
    fd, tmp = tempfile.mkstemp(dir=folder)
    os.close(fd)
    shutil.copyfile(target, tmp)
    subprocess.run(["patchelf", "--clear-symbol-version", SYMBOL, tmp], check=True)
    mark_version_weak(tmp)
    with tempfile.TemporaryDirectory() as work:
        src = os.path.join(work, "shim.c")
        with open(src, "w") as f:
            f.write("void %s(void) {}\n" % SYMBOL)
        subprocess.run(["gcc", "-shared", "-fPIC", "-o", shim, src], check=True)
    subprocess.run(["patchelf", "--add-needed", SHIM, "--set-rpath", "$ORIGIN", tmp], check=True)
    os.chmod(tmp, 0o755)
    os.replace(tmp, target)
    print("patched %s for this system's libstdc++" % target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
