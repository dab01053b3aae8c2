#!/usr/bin/env bash
# The GPU checks of sparsevit4j in one run on a CUDA box with python3 + torch but no JDK and no
# network (as this project's H200 machine is): build DJL's JNI against the box's torch, then
#   (a) parity with torchvision on the GPU: the fixture cases in fp32 (TF32 off), fp16 against
#       torchvision run in fp16 there;
#   (b) bench of Swin-T at 672, batch 1 and 8, fp32 and fp16;
#   (c) latency tables built on the GPU, then profile --random 30 against each in a new process;
#   (d) a short search under --max-latency-ms on the GPU, end to end, and one with --latency measure.
# Needs .gpu/ from tools/gpu/pack.sh (a runtime, the jars, the JNI bundle), and .gpu/supernet.safetensors (a
# small supernet, exported) for (d). Writes under $OUT: summary.txt (the figures), results.tar.gz
# (every log and result file), libdjl_torch.so (to carry next time) and swin_reference_f16.safetensors.
#
# DRY_RUN=1 runs the same steps on the CPU at small sizes (to check the script and the runtime here,
# with PYTORCH_LIBRARY_PATH/VERSION/FLAVOR set to a CPU torch and its JNI).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${OUT:-/tmp/h200-out}"
work=/tmp/h200
mkdir -p "$out" "$work/results"
results="$work/results"
summary="$out/summary.txt"
start=$(date +%s)
say() { echo "== +$(( $(date +%s) - start ))s $*" | tee -a "$summary"; }
# the whole run stays inside BUDGET_S (the device tool kills a command at its limit, and what it kills
# writes nothing): a step gets what is left, and is skipped when too little is
deadline=$((start + ${BUDGET_S:-540}))
pack() { tar -C "$work" -czf "$out/results.tar.gz" results; }
step() { # step NAME TIMEOUT_S COMMAND...: runs, logs to results/NAME.log, says how it ended
    local name="$1" limit="$2"; shift 2
    # SKIP="bench half-reference ...": steps (or their prefixes) to leave out of this run
    for skipped in ${SKIP:-}; do
        [[ "$name" == "$skipped"* ]] && { say "$name: skipped (SKIP)"; return 98; }
    done
    local left=$((deadline - $(date +%s) - 10))
    if (( left < 20 )); then say "$name: skipped, ${left}s left"; return 99; fi
    (( limit > left )) && limit=$left
    say "$name: $*"
    timeout "$limit" "$@" >"$results/$name.log" 2>&1
    local rc=$?
    say "$name: exit $rc"
    tail -n 25 "$results/$name.log" | sed 's/^/    /' >>"$summary"
    pack
    return $rc
}
trap 'pack; say done' EXIT

if [[ "${DRY_RUN:-0}" == 1 ]]; then
    device=cpu cuda=cpu size=96 runs=2 warmup=1 batches="1" seg_size=64
else
    device=gpu cuda=cuda size=672 runs=30 warmup=10 batches="1 8" seg_size=160
fi
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader >>"$summary" 2>&1
tar -C "$work" -xJf "$root/.gpu/java.tar.xz"
java="$work/java/bin/java"
lib="$work/sparsevit"
cp="$lib/cli.jar:$lib/lib/*"
torch_dir="$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))')"
say "torch $(python3 -c 'import torch; print(torch.__version__, torch.version.cuda)') at $torch_dir"
# DJL counts GPUs through JNA's dlopen("libcudart.so"); a pip torch ships only libcudart.so.NN, in
# site-packages/nvidia/*/lib: give JNA that one (the runtime torch itself uses) under the plain name
cudart="$( (find "$(dirname "$torch_dir")/nvidia" /usr/local/cuda/lib64 -name 'libcudart.so*' 2>/dev/null || true) | sort | head -1)"
if [[ -n "$cudart" ]]; then
    mkdir -p "$work/cudart" && ln -sf "$cudart" "$work/cudart/libcudart.so"
    export LD_LIBRARY_PATH="$work/cudart${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    say "libcudart for DJL: $cudart"
fi

# --- the JNI: carried from an earlier run, or built here -------------------------------------
if [[ -n "${PYTORCH_LIBRARY_PATH:-}" ]]; then
    say "JNI from the environment"
elif [[ -f "$root/.gpu/libdjl_torch.so" ]]; then
    version="$(python3 -c 'import torch; print(torch.__version__.split("+")[0])')"
    flavor="cu$(python3 -c 'import torch; print(torch.version.cuda.replace(".", ""))')"
    dir="$HOME/.djl.ai/pytorch/$version-$flavor-linux-x86_64"
    mkdir -p "$dir" && cp "$root/.gpu/libdjl_torch.so" "$dir/0.36.0-libdjl_torch.so"
    export PYTORCH_LIBRARY_PATH="$torch_dir/lib" PYTORCH_VERSION="$version" PYTORCH_FLAVOR="$flavor"
    say "JNI carried: $dir"
else
    step jni-build 400 "$root/tools/djl-jni/build-djl-jni.sh" --torch "$torch_dir" --bundle "$root/.gpu/djl-bundle" \
        --jobs "$(nproc)" || exit 1
    eval "$(grep '^export ' "$results/jni-build.log")"
    cp "$HOME/.djl.ai/pytorch/$PYTORCH_VERSION-$PYTORCH_FLAVOR-linux-x86_64/0.36.0-libdjl_torch.so" "$out/libdjl_torch.so"
fi
say "PYTORCH_LIBRARY_PATH=$PYTORCH_LIBRARY_PATH PYTORCH_VERSION=$PYTORCH_VERSION PYTORCH_FLAVOR=$PYTORCH_FLAVOR"
# the command line as a program, so that `timeout` can run it
printf '#!/bin/sh\nexec "%s" --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true -cp "%s" org.sparsevit4j.cli.Main "$@"\n' \
    "$java" "$cp" >"$work/sv" && chmod +x "$work/sv"
sv="$work/sv"
# JUnit's launcher takes no "lib/*" wildcard: every jar by name
jars="$(printf '%s:' "$lib"/lib/*.jar)$lib/cli.jar"

# --- (a) parity on the GPU ----------------------------------------------------------------------
step half-reference 120 python3 "$root/tools/fixtures/make_half_fixtures.py" --device "$cuda" "$out"
reference=()
[[ -f "$out/swin_reference_f16.safetensors" ]] && reference=(-Dsparsevit.fixtures.f16="$out/swin_reference_f16.safetensors")
NVIDIA_TF32_OVERRIDE=0 step parity 240 "$java" --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
    "${reference[@]}" -jar "$lib/junit-console.jar" execute \
    --class-path "$lib/supernet-tests.jar:$jars" --select-class org.sparsevit4j.supernet.model.TorchvisionParityTest \
    --select-class org.sparsevit4j.supernet.model.HalfPrecisionTest --details=tree --disable-banner --disable-ansi-colors
grep -E "off by|from torchvision|max error" "$results/parity.log" >>"$summary"

# --- (b) bench ----------------------------------------------------------------------------------
echo '{"ratios": [[0.6, 0.6], [0, 0], [0.2, 0.2, 0.4, 0.4, 0.5, 0.5], [0, 0]]}' >"$work/reference.json"
for dtype in f32 f16; do
    for batch in $batches; do
        step "bench-$dtype-b$batch" 180 "$sv" bench --device "$device" --arch swin_t --resolution "$size" --batch "$batch" \
            --dtype "$dtype" --config "$work/reference.json" --warmup "$warmup" --runs "$runs"
    done
done

# --- (c) latency tables and their accuracy in another process -----------------------------------
for batch in $batches; do
    step "table-b$batch" 240 "$sv" profile --build-table --device "$device" --arch swin_t --resolution "$size" \
        --batch "$batch" --runs "$runs" --out "$results/table-b$batch.json" \
        && step "profile-b$batch" 240 "$sv" profile --table "$results/table-b$batch.json" --random 30 --seed 2026 \
            --device "$device" --runs "$runs"
done

# --- (d) searches under a latency budget on the GPU ----------------------------------------------
if [[ -f "$root/.gpu/supernet.safetensors" ]]; then
    step table-supernet 240 "$sv" profile --build-table --device "$device" --weights "$root/.gpu/supernet.safetensors" \
        --resolution "$seg_size" --batch 8 --runs "$runs" --out "$results/table-supernet.json"
    # halfway between the fastest and the slowest plain pass of the build's anchors (dense, 0.4, 0.8)
    budget="$(python3 -c "import json; a = [c['measured_ms_median'] for c in json.load(open('$results/table-supernet.json'))['anchors']]; print(round((min(a) + max(a)) / 2, 3))")"
    say "latency budget of the searches: $budget ms"
    step search-table 300 "$sv" search --weights "$root/.gpu/supernet.safetensors" --latency-table "$results/table-supernet.json" \
        --max-latency-ms "$budget" --cost latency --pareto --device "$device" --generations 3 --population 16 \
        --out "$results/search-table" --no-cache
    step search-measure 300 "$sv" search --weights "$root/.gpu/supernet.safetensors" --latency measure --latency-batch 8 \
        --max-latency-ms "$budget" \
        --device "$device" --generations 2 --population 12 --measure-runs 5 --out "$results/search-measure" --no-cache
fi
