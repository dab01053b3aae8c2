#!/usr/bin/env bash
# Builds DJL's PyTorch JNI (libdjl_torch.so) from DJL's own source against a libtorch given by
# path (a pip torch's torch/ folder, or an unpacked libtorch), and installs it where DJL looks for
# it when PYTORCH_LIBRARY_PATH / PYTORCH_VERSION / PYTORCH_FLAVOR point at that libtorch.
#
# Why: DJL ships the JNI only for the libtorch it was released with (2.7.1 for DJL 0.36). A GPU
# box usually has another torch, and a JNI built for 2.7.1 loads on 2.11 but fails at the first
# tensor (an ABI mismatch). Nothing of DJL is copied into this repository: the source is fetched
# from DJL's repository at the DJL version this project uses, when the script runs.
#
# Two steps, which can run on two machines:
#   --prepare DIR   needs a JDK (javac, for the JNI header) and either network or --source:
#                   writes a self-contained bundle (DJL's native sources, the generated header,
#                   the JDK's jni.h) of about 0.6 MB;
#   (default)       needs CMake, a C++17 compiler and the libtorch; builds from a bundle
#                   (--bundle DIR) or prepares one first, then installs the library.
# A GPU box without a JDK or network takes a bundle prepared elsewhere.
#
# Usage:
#   tools/djl-jni/build-djl-jni.sh --prepare bundle/ [--source DJL_CHECKOUT_OR_GIT_DIR]
#   tools/djl-jni/build-djl-jni.sh --torch "$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')" \
#       [--bundle bundle/] [--flavor cu130] [--install-dir DIR] [--jobs N] [--no-cmake]
# Then run with the printed PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR.
set -euo pipefail

DJL_VERSION=0.36.0
DJL_REPO=https://github.com/deepjavalibrary/djl.git
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

no_cmake=0 prepare_dir="" bundle="" source="" torch="" flavor="" pt_version="" install_dir="" jobs="$(nproc 2>/dev/null || echo 4)"
usage() { sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
die() { echo "build-djl-jni: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --prepare) prepare_dir="$2"; shift 2 ;;
        --bundle) bundle="$2"; shift 2 ;;
        --source) source="$2"; shift 2 ;;
        --torch) torch="$2"; shift 2 ;;
        --flavor) flavor="$2"; shift 2 ;;
        --pytorch-version) pt_version="$2"; shift 2 ;;
        --install-dir) install_dir="$2"; shift 2 ;;
        --djl-version) DJL_VERSION="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        --no-cmake) no_cmake=1; shift ;;
        -h|--help) usage 0 ;;
        *) echo "build-djl-jni: unknown argument $1" >&2; usage 2 ;;
    esac
done

# --- step 1: the bundle -------------------------------------------------------------------
prepare() { # $1: the bundle folder to write
    local out="$1" src tmp
    command -v javac >/dev/null || die "--prepare needs javac (a JDK) for the JNI header"
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' RETURN
    if [[ -z "$source" ]]; then
        command -v git >/dev/null || die "fetching DJL's source needs git (or pass --source)"
        echo "build-djl-jni: fetching DJL v$DJL_VERSION from $DJL_REPO" >&2
        git clone -q --depth 1 --branch "v$DJL_VERSION" --filter=blob:none --sparse "$DJL_REPO" "$tmp/djl" \
            || die "could not clone $DJL_REPO at v$DJL_VERSION (no network? pass --source)"
        git -C "$tmp/djl" sparse-checkout set engines/pytorch/pytorch-native engines/pytorch/pytorch-engine/src/main/java api/src/main/native
        src="$tmp/djl"
    elif [[ -d "$source/.git" || -d "$source/engines" ]]; then
        src="$source"
    elif git -C "$source" rev-parse --git-dir >/dev/null 2>&1; then
        # a bare git directory (a mirror): export the three folders at the tag
        mkdir -p "$tmp/djl"
        git -C "$source" archive "v$DJL_VERSION" engines/pytorch/pytorch-native engines/pytorch/pytorch-engine/src/main/java \
            api/src/main/native | tar -x -C "$tmp/djl" || die "$source has no tag v$DJL_VERSION"
        src="$tmp/djl"
    else
        die "--source $source is neither a DJL checkout nor a git directory"
    fi
    [[ -f "$src/engines/pytorch/pytorch-native/CMakeLists.txt" ]] || die "$src does not hold DJL's pytorch-native"
    rm -rf "$out"
    mkdir -p "$out/include" "$out/jdk-include"
    cp -r "$src/engines/pytorch/pytorch-native/CMakeLists.txt" "$src/engines/pytorch/pytorch-native/src" "$out/"
    rm -rf "$out/src/main/java" "$out/src/main/resources"
    mkdir -p "$out/api-native"
    cp -r "$src/api/src/main/native/djl" "$out/api-native/"
    javac -sourcepath "$src/engines/pytorch/pytorch-engine/src/main/java" \
        "$src/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java" \
        -h "$out/include" -d "$tmp/classes"
    local jdk
    jdk="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    cp -r "$jdk/include/." "$out/jdk-include/"
    echo "$DJL_VERSION" > "$out/DJL_VERSION"
    echo "build-djl-jni: bundle written to $out ($(du -sh "$out" | cut -f1))" >&2
}

if [[ -n "$prepare_dir" ]]; then
    prepare "$prepare_dir"
    [[ -z "$torch" ]] && exit 0
    bundle="$prepare_dir"
fi

# --- step 2: the build --------------------------------------------------------------------
[[ -n "$torch" ]] || die "--torch DIR is required (a pip torch's torch/ folder or an unpacked libtorch)"
[[ -f "$torch/lib/libtorch.so" ]] || die "--torch $torch has no lib/libtorch.so"
[[ -d "$torch/share/cmake/Torch" ]] || die "--torch $torch has no share/cmake/Torch (CMake config of libtorch)"
command -v cmake >/dev/null || no_cmake=1
if [[ -z "$bundle" ]]; then
    bundle="$(mktemp -d)/bundle"
    prepare "$bundle"
fi
[[ -f "$bundle/CMakeLists.txt" && -f "$bundle/include/ai_djl_pytorch_jni_PyTorchLibrary.h" ]] \
    || die "--bundle $bundle is not a bundle written by --prepare"
bundle_version="$(cat "$bundle/DJL_VERSION")"

# libtorch's version and flavour, from its own headers and libraries unless given
if [[ -z "$pt_version" ]]; then
    # torch/csrc/api/include/torch/version.h until 2.8 or so, torch/headeronly/version.h since
    pt_version="$(cat "$torch/include/torch/csrc/api/include/torch/version.h" "$torch/include/torch/headeronly/version.h" 2>/dev/null \
        | sed -n 's/^#define TORCH_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\).*/\2/p' | head -3 | paste -sd.)"
    [[ -n "$pt_version" ]] || die "could not read libtorch's version from $torch/include; pass --pytorch-version"
fi
cuda=0
if compgen -G "$torch/lib/libtorch_cuda*.so" >/dev/null; then cuda=1; fi
if [[ -z "$flavor" ]]; then
    if [[ $cuda == 1 ]]; then
        cu="$(sed -n 's/.*TORCH_CUDA_VERSION *= *"\{0,1\}\([0-9]*\)\.\([0-9]*\).*/\1\2/p' "$torch/version.py" 2>/dev/null || true)"
        [[ -z "$cu" ]] && cu="$(sed -n "s/^cuda.*'\([0-9]*\)\.\([0-9]*\)'.*/\1\2/p" "$torch/version.py" 2>/dev/null || true)"
        flavor="cu${cu:-unknown}"
    else
        flavor=cpu
    fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$bundle/." "$work/src"
# DJL's CMakeLists finds djl/utils.h three folders up and the header under build/include
mkdir -p "$work/src/build/include"
cp "$bundle/include/"*.h "$work/src/build/include/"
sed -i 's#${PROJECT_SOURCE_DIR}/../../../api/src/main/native#${PROJECT_SOURCE_DIR}/api-native#' "$work/src/CMakeLists.txt"

# Changes a newer libtorch needs, each said out loud; see patches.sh
# shellcheck source=patches.sh
source "$here/patches.sh"
apply_patches "$work/src/src/main/native" "$pt_version"

echo "build-djl-jni: building DJL $bundle_version's JNI against libtorch $pt_version ($flavor) in $torch" >&2
cmake_args=(-S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_PREFIX_PATH="$torch/share/cmake"
    -DJAVA_INCLUDE_PATH="$bundle/jdk-include" -DJAVA_INCLUDE_PATH2="$bundle/jdk-include/linux"
    -DJAVA_AWT_INCLUDE_PATH=NotNeeded -DJAVA_AWT_LIBRARY=NotNeeded -DJAVA_JVM_LIBRARY=NotNeeded)
[[ $cuda == 1 ]] && cmake_args+=(-DUSE_CUDA=1)
so="$work/build/libdjl_torch.so"
if [[ $no_cmake == 0 ]] && cmake "${cmake_args[@]}" >"$work/cmake.log" 2>&1 \
        && cmake --build "$work/build" --config Release -- -j "$jobs" >"$work/build.log" 2>&1; then
    echo "build-djl-jni: built with CMake$([[ $cuda == 1 ]] && echo ', USE_CUDA')" >&2
else
    [[ -f "$work/build.log" ]] && grep -E "error" -A3 "$work/build.log" | head -20 >&2
    # libtorch's CMake config of a CUDA build looks for the CUDA toolkit (and cuDNN, NVTX); where it
    # finds them not (or the CUDA parts do not compile), build without CMake and without USE_CUDA, which in DJL's JNI only adds a CUDA
    # stream guard to TorchScript inference and emptyCache(): tensors still run on the GPU, through the
    # CUDA libraries DJL loads from the same folder.
    [[ $no_cmake == 0 ]] && grep -E "CMake Error|Could not|not found" "$work/cmake.log" | head -5 >&2
    echo "build-djl-jni: compiling directly, without CMake and USE_CUDA" >&2
    abi="$(python3 -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))' 2>/dev/null || echo 1)"
    mkdir -p "$work/build/objects"
    : >"$work/build.log"
    # libtorch's headers need C++20 since 2.10 or so (its CMake config says which)
    std=c++17
    grep -qs 'CXX_STANDARD 20' "$torch/share/cmake/Torch/TorchConfig.cmake" && std=c++20
    flags=(-O2 -fPIC -std="$std" -D_GLIBCXX_USE_CXX11_ABI="$abi" -I"$torch/include"
        -I"$torch/include/torch/csrc/api/include" -I"$work/src/build/include" -I"$bundle/jdk-include"
        -I"$bundle/jdk-include/linux" -I"$work/src/api-native")
    ls "$work/src/src/main/native/"*.cc | xargs -P "$jobs" -I{} sh -c \
        'c++ "$@" -c "{}" -o "'"$work"'/build/objects/$(basename "{}" .cc).o" 2>>"'"$work"'/build.log"' _ "${flags[@]}" \
        || { grep -E "error" -A3 "$work/build.log" | head -60 >&2; die "compilation failed (errors above)"; }
    libs=(-ltorch -ltorch_cpu -lc10)
    [[ $cuda == 1 ]] && libs+=(-ltorch_cuda -lc10_cuda)
    c++ -shared -o "$so" "$work/build/objects/"*.o -L"$torch/lib" "${libs[@]}" -Wl,-rpath,'$ORIGIN' \
        2>>"$work/build.log" || { tail -20 "$work/build.log" >&2; die "linking failed (above)"; }
fi
[[ -f "$so" ]] || die "the build wrote no libdjl_torch.so"

# where DJL looks first for a JNI of a libtorch found by PYTORCH_LIBRARY_PATH, after that folder itself
if [[ -z "$install_dir" ]]; then
    cache="${ENGINE_CACHE_DIR:-${DJL_CACHE_DIR:-$HOME/.djl.ai}}"
    install_dir="$cache/pytorch/$pt_version-$flavor-linux-x86_64"
fi
mkdir -p "$install_dir"
cp "$so" "$install_dir/.$bundle_version-libdjl_torch.so.tmp"
mv "$install_dir/.$bundle_version-libdjl_torch.so.tmp" "$install_dir/$bundle_version-libdjl_torch.so"
echo "build-djl-jni: installed $install_dir/$bundle_version-libdjl_torch.so" >&2
echo "export PYTORCH_LIBRARY_PATH=$torch/lib PYTORCH_VERSION=$pt_version PYTORCH_FLAVOR=$flavor"
