#!/usr/bin/env bash
# Assembles tools/gpu-check/.gpu/, what the GPU machine needs to run run.sh (it has no Java and no package
# registry, and takes at most 64 MiB): a jlink'd Java runtime, the CLI's jars without the native engines,
# DJL's PyTorch JNI sources with the JNI header javac generates, jni.h, and two datasets.
#
#   tools/gpu-check/bundle.sh [DJL_CHECKOUT]     (or DJL_SRC=...; a checkout of deepjavalibrary/djl at v0.36.0)
#
# Needs a built checkout (mvn -B package -DskipTests) and a JDK 17 with jmods (jlink). The DJL sources are
# read from the checkout named, never copied into the project: .gpu/ is ignored by git.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
djl="${1:-${DJL_SRC:-}}"
data="${TEXTCLF_DATA:-$root/../shared/data}"
datasets="${GPU_CHECK_DATASETS:-ag_news_mini debian_descriptions}"
limit=$((64 * 1024 * 1024))
fail() { echo "bundle.sh: $*" >&2; exit 1; }

[ -n "$djl" ] || fail "name a DJL checkout (v0.36.0): bundle.sh DJL_CHECKOUT, or DJL_SRC=..."
native="$djl/engines/pytorch/pytorch-native/src/main/native"
utils="$djl/api/src/main/native/djl/utils.h"
library="$djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
for f in "$native" "$utils" "$library"; do [ -e "$f" ] || fail "$f not found: is $djl a DJL checkout?"; done
app="$root/adapters-cli/target"
[ -f "$app/textclf.jar" ] || fail "$app/textclf.jar not found: run 'mvn -B package -DskipTests' in $root"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
[ -d "$java_home/jmods" ] || fail "$java_home/jmods not found: set JAVA_HOME to a JDK 17 with jmods"
for d in $datasets; do [ -d "$data/$d" ] || fail "dataset $data/$d not found (set TEXTCLF_DATA)"; done

out="$here/.gpu"
rm -rf "$out"
mkdir -p "$out/app/lib" "$out/native/src/djl" "$out/jni-include" "$out/data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The Java runtime: the modules the CLI and DJL use, and the Vector API the launcher adds for train/predict.
"$java_home/bin/jlink" --module-path "$java_home/jmods" \
  --add-modules java.base,java.logging,java.management,java.net.http,jdk.unsupported,java.naming,java.sql,java.xml,jdk.incubator.vector \
  --strip-debug --compress=2 --no-header-files --no-man-pages --output "$work/jre-min"
tar -C "$work" -cJf "$out/jre-min.tar.xz" jre-min

# The CLI without the native engines (DJL's CPU libtorch and its JNI for 2.7.1: the GPU machine builds its
# own JNI against its own libtorch), without the nd4j backend and its engine (ND4J with its shaded
# libraries, javacpp, OpenBLAS: not part of the check, 27 MB) and without the gRPC server's Netty.
cp "$app/textclf.jar" "$out/app/"
for jar in "$app"/lib/*.jar; do
  case "$(basename "$jar")" in
    *-linux-x86_64.jar|pytorch-native-*|pytorch-jni-*|grpc-netty-shaded-*) ;;
    textclf-adapters-nd4j-*|*-1.0.0-M2.1.jar|javacpp-*|openblas-*) ;;
    *) cp "$jar" "$out/app/lib/" ;;
  esac
done

# DJL's JNI: the sources, utils.h, and the header of PyTorchLibrary's native methods.
cp "$native"/* "$out/native/src/"
cp "$utils" "$out/native/src/djl/"
classpath="$(ls "$app"/lib/api-*.jar "$app"/lib/pytorch-engine-*.jar | tr '\n' ':')"
"$java_home/bin/javac" -h "$out/native/src" -d "$work/classes" -cp "$classpath" "$library"
cp "$java_home/include/jni.h" "$java_home/include/linux/jni_md.h" "$out/jni-include/"
(cd "$djl" && git describe --tags --always 2>/dev/null || cat SOURCE 2>/dev/null || echo unknown) > "$out/native/DJL_VERSION"

for d in $datasets; do cp -r "$data/$d" "$out/data/"; done

bytes=$(du -sb "$out" | cut -f1)
echo "bundle $out: $(awk -v b="$bytes" 'BEGIN{printf "%.1f MiB", b/1048576}') of 64 MiB" \
  "(jre $(du -sh "$out/jre-min.tar.xz" | cut -f1), app $(du -sh "$out/app" | cut -f1)," \
  "native $(du -sh "$out/native" | cut -f1), data $(du -sh "$out/data" | cut -f1); DJL $(cat "$out/native/DJL_VERSION"))"
[ "$bytes" -lt "$limit" ] || fail "the bundle is over 64 MiB: drop a dataset (GPU_CHECK_DATASETS=ag_news_mini)"
