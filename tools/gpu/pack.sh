#!/usr/bin/env bash
# Packs what a GPU box without a JDK or network needs to run sparsevit4j and its GPU checks, into
# .gpu/ (ignored by git): a jlink'd Java runtime with the project's jars (DJL's CPU libtorch left
# out: the box's own torch is used), the test classes and JUnit's console launcher for the parity
# checks, and the bundle from which tools/djl-jni/build-djl-jni.sh builds DJL's JNI against the
# box's torch (DJL's source at v0.36.0, from --djl-source or fetched by that script).
#
#   tools/gpu/pack.sh [--djl-source DJL_CHECKOUT_OR_GIT_DIR]
# Needs: a JDK >= 21 with jlink (JAVA_HOME, or /usr/lib/jvm's newest), Maven, xz.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/.gpu"
djl_source=""
[[ "${1:-}" == "--djl-source" ]] && djl_source="$2"
jdk="${JAVA_HOME:-$( (ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null || true) | head -1)}"
[[ -x "$jdk/bin/jlink" ]] || { echo "pack: no jlink in $jdk; set JAVA_HOME to a JDK >= 21" >&2; exit 2; }

cd "$root"
mvn -B -q -o -DskipTests install >/dev/null
mvn -B -q -o -pl supernet test-compile >/dev/null
rm -rf "$out/stage" && mkdir -p "$out/stage/sparsevit/lib"
cp cli/target/cli.jar "$out/stage/sparsevit/"
for jar in cli/target/lib/*.jar; do
    # the box has its own libtorch, and its JNI is built there: DJL's CPU libtorch and 2.7.1 JNI stay behind
    case "$(basename "$jar")" in pytorch-native-*|pytorch-jni-*) continue ;; esac
    cp "$jar" "$out/stage/sparsevit/lib/"
done
"$jdk/bin/jar" cf "$out/stage/sparsevit/supernet-tests.jar" -C supernet/target/test-classes .
junit="$(ls ~/.m2/repository/org/junit/platform/junit-platform-console-standalone/*/junit-platform-console-standalone-*.jar | sort -V | tail -1)"
cp "$junit" "$out/stage/sparsevit/junit-console.jar"
# uncompressed modules: xz compresses the whole archive better than jlink's zip does each module
# java.desktop: images (ImageIO) and charts (Java2D); java.sql: Jackson's date types; jdk.unsupported: JNA, Gson
"$jdk/bin/jlink" --add-modules java.base,java.desktop,java.xml,java.management,java.logging,java.sql,java.naming,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --compress=zip-0 --output "$out/stage/java"
tar -C "$out/stage" -cJf "$out/java.tar.xz" java sparsevit
rm -rf "$out/stage"
args=(--prepare "$out/djl-bundle")
[[ -n "$djl_source" ]] && args+=(--source "$djl_source")
PATH="$jdk/bin:$PATH" "$root/tools/djl-jni/build-djl-jni.sh" "${args[@]}"
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude
du -sh "$out"/*
