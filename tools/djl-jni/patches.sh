# Source changes applied to DJL's JNI before it is built. Sourced by build-djl-jni.sh; each change
# is applied only where its old text is present, and is said on stderr.
#
# libtorch 2.13 (checked on this project's machine) and 2.11 (the H200 box) compile DJL 0.36's
# JNI unchanged; a newer libtorch that breaks it gets its change here, next to the one below.

apply_patches() { # $1: the native source folder, $2: libtorch's version
    local dir="$1" version="$2" utils="$1/djl_pytorch_utils.h"

    # bfloat16: DJL 0.36 maps its DataType ordinals 0..8 to torch types and every other torch type
    # to 9 (UNKNOWN); creating or casting to BFLOAT16 (ordinal 11) hits a bare `throw;` outside any
    # handler, which std::terminate()s the JVM. Map ordinal 11 <-> kBFloat16 both ways, and embed a
    # marker string the Java side finds in the library file to know that this JNI speaks bfloat16.
    if grep -q 'case 8:' "$utils" && ! grep -q 'kBFloat16' "$utils"; then
        sed -i 's/^  } else if (torch::kComplexFloat == type) {$/  } else if (torch::kBFloat16 == type) {\n    return 11;\n  } else if (torch::kComplexFloat == type) {/' "$utils"
        sed -i '0,/^      return torch::kComplexFloat;$/s//      return torch::kComplexFloat;\n    case 11:\n      return torch::kBFloat16;/' "$utils"
        grep -q 'return 11;' "$utils" && grep -q 'case 11:' "$utils" \
            || { echo "build-djl-jni: the bfloat16 patch did not apply to $utils" >&2; return 1; }
        cat >> "$dir/ai_djl_pytorch_jni_cache.cc" <<'EOF'

// added by sparsevit4j's tools/djl-jni: what this build adds to DJL's JNI
extern "C" __attribute__((visibility("default"), used)) const char sparsevit4j_jni_features[] =
    "sparsevit4j-jni-features=bfloat16";
EOF
        echo "build-djl-jni: patched $(basename "$utils"): DataType BFLOAT16 (ordinal 11) <-> torch::kBFloat16" >&2
    fi
    : "$version"
}
