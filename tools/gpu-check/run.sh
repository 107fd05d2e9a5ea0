#!/usr/bin/env bash
# The GPU check of issue 16, on a machine with PyTorch (CUDA), a C++ compiler and no Java: builds DJL
# 0.36's PyTorch JNI against the machine's own libtorch, then runs textclf's djl backend on CUDA:
#   1. parity: 100 tutorial steps on CUDA and on the CPU from the same initial weights (bench parity),
#      and CUDA against the reference backend; relative 1e-4
#   2. train --backend djl --device cuda on each bundled dataset: test accuracy, seconds per epoch,
#      beside the reference backend's accuracy (CPU)
#   3. the CUDA-trained model evaluated and used by the reference backend (models cross-load)
#   4. PyTorch's own tutorial recipe (docs/peers/pytorch_tutorial.py, batch 64) on the same GPU
# Results go to $OUT (summary.txt, *.json, logs). Needs the bundle of bundle.sh in tools/gpu-check/.gpu.
#
#   tools/gpu-check/run.sh              on the GPU machine
#   tools/gpu-check/run.sh --cpu-only   no CUDA, no JNI build: LIBTORCH=<folder of libtorch.so>,
#                                       DJL_JNI=<a built libdjl_torch.so>, PYTORCH_VERSION=<x.y.z>; tries the
#                                       bundle, the JRE and every Java step on the CPU (no PyTorch baseline)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bundle="${GPU_CHECK_BUNDLE:-$here/.gpu}"
mode=gpu
[ "${1:-}" = --cpu-only ] && mode=cpu
work="$(mktemp -d)"
out="${OUT:-$work/out}"
mkdir -p "$out"
exec > >(tee -a "$out/run.log") 2>&1
summary="$out/summary.txt"
: > "$summary"
note() { echo "$*" | tee -a "$summary"; }
seconds() { python3 -c "import time;print(round(time.time()-$1,2))"; }
[ -f "$bundle/jre-min.tar.xz" ] || { echo "run.sh: no bundle at $bundle: run tools/gpu-check/bundle.sh first"; exit 2; }

# --- the machine's torch, and DJL's settings that point at it
if [ "$mode" = gpu ]; then
  torch_dir="$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')" || { echo "no torch in python3"; exit 1; }
  libtorch="$torch_dir/lib"
  version="$(python3 -c 'import torch;print(torch.__version__.split("+")[0])')"
  abi="$(python3 -c 'import torch;print(int(torch._C._GLIBCXX_USE_CXX11_ABI))')"
  cuda="$(python3 -c 'import torch;print(torch.version.cuda or "")')"
  flavor="cu$(echo "$cuda" | tr -d .)"
  device=cuda
  note "torch $version (CUDA $cuda, C++11 ABI $abi) at $torch_dir; $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null)"
else
  libtorch="${LIBTORCH:?--cpu-only needs LIBTORCH}"; version="${PYTORCH_VERSION:?--cpu-only needs PYTORCH_VERSION}"
  flavor=cpu; device=cpu
  note "cpu-only rehearsal: libtorch $version at $libtorch, JNI ${DJL_JNI:?--cpu-only needs DJL_JNI}"
fi
mkdir -p "$work/jre" && tar xJf "$bundle/jre-min.tar.xz" -C "$work/jre"
java="$work/jre/jre-min/bin/java"
note "java: $("$java" -version 2>&1 | head -1); DJL sources $(cat "$bundle/native/DJL_VERSION" 2>/dev/null)"
jni_dir="$work/djl/pytorch/$version-$flavor-linux-x86_64"
mkdir -p "$jni_dir"

# --- DJL's JNI, compiled against this torch (16 cores: all files at once)
if [ "$mode" = gpu ]; then
  cuda_include="$(ls -d /usr/local/cuda/include 2>/dev/null || python3 -c 'import nvidia.cuda_runtime,os;print(os.path.dirname(nvidia.cuda_runtime.__file__)+"/include")' 2>/dev/null)"
  objects="$work/jni"; mkdir -p "$objects"
  started=$(date +%s.%N)
  (cd "$bundle/native/src" && for f in *.cc; do
    g++ -c -O2 -fPIC -std=c++17 -D_GLIBCXX_USE_CXX11_ABI="$abi" -DUSE_CUDA -I. -I"$bundle/jni-include" \
      -I"$torch_dir/include" -I"$torch_dir/include/torch/csrc/api/include" ${cuda_include:+-I"$cuda_include"} \
      "$f" -o "$objects/${f%.cc}.o" 2> "$objects/${f%.cc}.err" &
  done; wait)
  grep -h -B2 -A3 "error" "$objects"/*.err | head -200 > "$out/compile-errors.txt"
  compiled=$(ls "$objects"/*.o 2>/dev/null | wc -l); sources=$(ls "$bundle/native/src"/*.cc | wc -l)
  note "JNI: $compiled of $sources files compiled in $(seconds "$started") s (errors, if any: compile-errors.txt)"
  head -40 "$out/compile-errors.txt"
  g++ -shared -o "$jni_dir/0.36.0-libdjl_torch.so" "$objects"/*.o -L"$libtorch" -ltorch -ltorch_cpu -ltorch_cuda \
    -lc10 -lc10_cuda -Wl,-rpath,"$libtorch" 2>&1 | tail -20 | tee "$out/link-errors.txt"
else
  cp "$DJL_JNI" "$jni_dir/0.36.0-libdjl_torch.so"
fi
[ -s "$jni_dir/0.36.0-libdjl_torch.so" ] || { note "FAIL: no JNI library; nothing else can run"; exit 1; }

export PYTORCH_LIBRARY_PATH="$libtorch" PYTORCH_VERSION="$version" PYTORCH_FLAVOR="$flavor"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" OMP_WAIT_POLICY=passive
textclf() {
  "$java" -XX:+UseSerialGC -Xmx8g --add-modules jdk.incubator.vector -Dai.djl.offline=true \
    -DDJL_CACHE_DIR="$work/djl" -DENGINE_CACHE_DIR="$work/djl" -Dtextclf.cache.dir="$work/cache" \
    -cp "$bundle/app/textclf.jar:$bundle/app/lib/*" io.textclf.cli.Main "$@"
}
json() { python3 -c "import json,sys;d=json.load(open(sys.argv[1]));print(eval(sys.argv[2]))" "$@" 2>/dev/null || echo "?"; }
cd "$work"
data="$bundle/data"
first="$(ls "$data" | head -1)"

# --- 1. parity
for against in "djl cpu" "reference cpu"; do
  set -- $against
  name="parity-$device-$1"
  textclf bench parity -d "$data/$first" --backend djl --device "$device" --against "$1" --against-device "$2" \
    --steps 100 --json > "$out/$name.json" 2> "$out/$name.log"
  rc=$?
  note "parity djl/$device vs $1/$2, 100 steps of $first: $([ $rc = 0 ] && echo PASS || echo "FAIL (exit $rc)"); largest relative differences:" \
    "loss $(json "$out/$name.json" "d['max_loss_difference']"), norm $(json "$out/$name.json" "d['max_norm_difference']")," \
    "parameters $(json "$out/$name.json" "d['relative_parameter_difference']") ($(json "$out/$name.json" "d['clipped_steps']") clipped)"
  [ $rc = 0 ] || tail -5 "$out/$name.log"
done

# --- 2. and 3. training on the device, the reference beside it, the model in the reference backend
for set in $(ls "$data"); do
  for backend in djl reference; do
    dev=$([ $backend = djl ] && echo "$device" || echo cpu)
    model="$out/$set-$backend-$dev.textclf"
    started=$(date +%s.%N)
    textclf train --backend $backend --device "$dev" --data "$data/$set" -o "$model" --progress none \
      > "$out/$set-$backend-$dev.log" 2>&1
    rc=$?; wall=$(seconds "$started")
    textclf info --json "$model" > "$model.json" 2>/dev/null
    note "train $set $backend/$dev: exit $rc, test accuracy $(json "$model.json" "round(d['test']['accuracy'],4)"), median s/epoch" \
      "$(json "$model.json" "round(sorted(e['seconds'] for e in d['epochs'])[len(d['epochs'])//2],3)") (first" \
      "$(json "$model.json" "round(d['epochs'][0]['seconds'],3)")), wall $wall s"
    [ $rc = 0 ] || tail -8 "$out/$set-$backend-$dev.log"
  done
  model="$out/$set-djl-$device.textclf"
  textclf evaluate -m "$model" --backend reference --device cpu -d "$data/$set" --json > "$out/$set-cross.json" 2> "$out/$set-cross.log"
  note "the djl/$device model of $set evaluated by the reference backend: exit $?, accuracy $(json "$out/$set-cross.json" "round(d['accuracy'],4)")"
done
for backend in reference djl; do
  textclf predict -m "$out/$first-djl-$device.textclf" --backend $backend --device "$([ $backend = djl ] && echo "$device" || echo cpu)" \
    --top-k 2 "Stocks fell as oil prices rose" "The striker scored twice in the final" > "$out/predict-$backend.txt" 2>&1
  note "predict with $backend (exit $?): $(tr '\n' ' ' < "$out/predict-$backend.txt" | cut -c1-200)"
done

# --- 4. PyTorch's own tutorial recipe on the same GPU
if [ "$mode" = gpu ]; then
  for set in $(ls "$data"); do
    python3 "$root/docs/peers/pytorch_tutorial.py" "$data/$set" cuda > "$out/pytorch-$set.log" 2>&1
    note "PyTorch $version tutorial on cuda, $set: exit $?, median s/epoch $(grep -o 'time: *[0-9.]*' "$out/pytorch-$set.log" \
      | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'), $(grep 'test accuracy' "$out/pytorch-$set.log")"
  done
  nvidia-smi --query-gpu=name,memory.used --format=csv,noheader >> "$summary"
fi
echo; echo "=== summary ($out/summary.txt)"; cat "$summary"
