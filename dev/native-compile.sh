#!/usr/bin/env bash
# Compiles the native image up to the object file with GraalVM's builder from Maven Central, on a plain
# JDK 25, and fails when a native build would fail at build time (analysis, class initialisation, image
# heap, compilation). It stops before the link: that needs GraalVM's static JDK and C helper libraries,
# which no registry here serves; CI's GitHub workflow and Fly's builder still do the full build.
#
#   dev/native-compile.sh              the application (packages target/native-sources first)
#   dev/native-compile.sh --self-test  proves the check fails: a tiny image whose class, initialised at
#                                      build time, leaves a running thread in the image heap must fail
#
# Needs a JDK 25 (JAVA_HOME, or one under /usr/lib/jvm), gcc and Maven Central. Everything else is made
# under target/native-builder/ and kept there, so a second run only compiles.
# Environment: NATIVE_CHECK_XMX (builder heap, default 6g), NATIVE_CHECK_SKIP_PACKAGE=1 (reuse an existing
# target/native-sources instead of running ./mvnw package).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

GRAALVM_VERSION=25.0.4
# What Quarkus reads to decide which GraalVM it builds with (it must be one it supports).
VENDOR_VERSION="Mandrel-${GRAALVM_VERSION}.0-Final"
CACHE=$ROOT/target/native-builder
FAILURE_MESSAGE="Detected a started Thread in the image heap"

mode=app
case "${1:-}" in
    "") ;;
    --self-test) mode=self-test ;;
    *) echo "usage: $0 [--self-test]" >&2; exit 2 ;;
esac

say() { echo "native-compile: $*"; }
die() { echo "native-compile: $*" >&2; exit 1; }

java_feature() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

find_jdk25() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
        [ "$(java_feature "$candidate")" = 25 ] || continue
        "$candidate/bin/java" --list-modules 2>/dev/null | grep -q '^jdk.internal.vm.ci@' || continue
        echo "$candidate"
        return 0
    done
    return 1
}

JDK=$(find_jdk25) || die "needs a JDK 25 with the jdk.internal.vm.ci module (set JAVA_HOME)"
command -v gcc >/dev/null || die "needs gcc (apt-get install gcc)"
mkdir -p "$CACHE"

# 1. The builder's jars, resolved by Maven from dev/native-builder/pom.xml.
JARS=$CACHE/jars
jars_stamp="$(sha256sum dev/native-builder/pom.xml | cut -c1-16)"
if [ "$(cat "$JARS/.stamp" 2>/dev/null)" != "$jars_stamp" ]; then
    say "resolving the builder's jars"
    rm -rf "$JARS"
    JAVA_HOME=$JDK ./mvnw -B -ntp -q -f dev/native-builder/pom.xml dependency:copy-dependencies \
        -DoutputDirectory="$JARS" -DincludeScope=runtime
    echo "$jars_stamp" > "$JARS/.stamp"
fi
SVM_JAR=$JARS/svm-$GRAALVM_VERSION.jar
[ -f "$SVM_JAR" ] || die "no $SVM_JAR after resolving dev/native-builder/pom.xml"

# 2. A java.home the builder may write into: hard links to the JDK (a copy across file systems) plus
#    what a GraalVM distribution adds and Maven Central does not.
HOME_COPY=$CACHE/jdk
home_stamp="$JDK $(sha256sum "$JDK/release" dev/native-builder/reporterchelper.c dev/native-builder/CHeaders.java "$SVM_JAR" | cut -c1-16 | tr '\n' ' ')"
if [ "$(cat "$HOME_COPY/.stamp" 2>/dev/null)" != "$home_stamp" ]; then
    say "preparing $HOME_COPY from $JDK"
    rm -rf "$HOME_COPY"
    cp -al "$JDK" "$HOME_COPY" 2>/dev/null || { rm -rf "$HOME_COPY"; cp -a "$JDK" "$HOME_COPY"; }

    # (a) The progress reporter's JNI helper: check that its natives are still the ones we implement.
    natives=$("$JDK/bin/javap" -p -cp "$SVM_JAR" com.oracle.svm.hosted.ProgressReporterCHelper | grep ' native ' || true)
    for n in getPeakRSS0 getTerminalWindowColumns0; do
        grep -q "$n()" <<<"$natives" || die "ProgressReporterCHelper no longer declares $n: update dev/native-builder/reporterchelper.c"
    done
    [ "$(grep -c ' native ' <<<"$natives")" = 2 ] || die "ProgressReporterCHelper declares other natives: $natives"
    mkdir -p "$HOME_COPY/lib/svm/builder/lib"
    gcc -shared -fPIC -O2 -Wall -Werror -I"$JDK/include" -I"$JDK/include/linux" \
        -o "$HOME_COPY/lib/svm/builder/lib/libreporterchelper.so" dev/native-builder/reporterchelper.c

    # (b) The C helper project's headers, generated from the builder's @CStruct/@CConstant interfaces.
    "$JDK/bin/java" dev/native-builder/CHeaders.java "$HOME_COPY/lib/svm/clibraries/linux-amd64" "$SVM_JAR" \
        "$(ls "$JARS"/*.jar | paste -sd:)" >/dev/null

    # (c) The static JDK libraries are only looked for when linking, which this check never reaches:
    #     empty placeholders, so nothing here pretends to be a linkable JDK.
    mkdir -p "$HOME_COPY/lib/static/linux-amd64/glibc"
    for lib in libjava libjvm libnio libnet libzip libfdlibm libjimage libextnet libmanagement_ext libj2pkcs11 libprefs; do
        : > "$HOME_COPY/lib/static/linux-amd64/glibc/$lib.a"
    done
    echo "$home_stamp" > "$HOME_COPY/.stamp"
fi

# 3. The input: launcher arguments and the directory they are relative to.
WORK=$CACHE/$mode
rm -rf "$WORK"
mkdir -p "$WORK/image" "$WORK/tmp"
if [ "$mode" = self-test ]; then
    mkdir -p "$WORK/classes"
    "$JDK/bin/javac" -d "$WORK/classes" dev/native-builder/selftest/StartsThread.java
    "$JDK/bin/jar" --create --file "$WORK/starts-thread.jar" -C "$WORK/classes" .
    INPUT=$WORK
    echo "--no-fallback --initialize-at-build-time=StartsThread -cp starts-thread.jar StartsThread starts-thread" \
        > "$WORK/native-image.args"
    ARGS_FILE=$WORK/native-image.args
else
    if [ "${NATIVE_CHECK_SKIP_PACKAGE:-}" != 1 ]; then
        say "packaging target/native-sources"
        JAVA_HOME=$JDK ./mvnw -B -ntp -q package -DskipTests \
            -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true
    fi
    INPUT=$ROOT/target/native-sources
    ARGS_FILE=$INPUT/native-image.args
    [ -f "$ARGS_FILE" ] || die "no $ARGS_FILE"
fi

# 4. The builder's command line, translated from the launcher arguments.
"$JDK/bin/java" dev/native-builder/BuilderCommand.java \
    --jars "$JARS" --clibraries "$HOME_COPY/lib/svm/clibraries/linux-amd64" --workdir "$INPUT" \
    --image-path "$WORK/image" --vendor-version "$VENDOR_VERSION" --graalvm-version "$GRAALVM_VERSION" \
    --out "$WORK" --args-file "$ARGS_FILE" -- \
    "-J-Xmx${NATIVE_CHECK_XMX:-6g}" -J-XX:+UseParallelGC -J-XX:+ExitOnOutOfMemoryError \
    -H:+UnlockExperimentalVMOptions "-H:TempDirectory=$WORK/tmp" -H:+ExitAfterRelocatableImageWrite \
    -H:-UnlockExperimentalVMOptions

# 5. Run it. JVMCI_VERSION_CHECK: the builder expects JDK 25.0.4's JVMCI and accepts any 25.0.x with it.
say "compiling ($mode) with GraalVM $GRAALVM_VERSION's builder on $("$JDK/bin/java" -version 2>&1 | head -1)"
set +e
(cd "$INPUT" && JVMCI_VERSION_CHECK=ignore USE_NATIVE_IMAGE_JAVA_PLATFORM_MODULE_SYSTEM=true \
    "$HOME_COPY/bin/java" "@$WORK/jvm.args" "--image-args-file=$WORK/builder.args") 2>&1 | tee "$WORK/build.log"
status=${PIPESTATUS[0]}
set -e

if [ "$mode" = self-test ]; then
    [ "$status" != 0 ] || die "self-test: the builder accepted a running thread in the image heap (exit 0)"
    grep -q "$FAILURE_MESSAGE" "$WORK/build.log" \
        || die "self-test: the builder failed (exit $status) but not with '$FAILURE_MESSAGE'; see $WORK/build.log"
    say "self-test passed: the builder failed (exit $status) with '$FAILURE_MESSAGE'"
    exit 0
fi

[ "$status" = 0 ] || die "the native build fails (builder exit $status); the log is $WORK/build.log"
object=$(find "$WORK/tmp" -name '*.o' -size +0 | head -1)
[ -n "$object" ] || die "the builder exited 0 but wrote no object file under $WORK/tmp"
say "object file written: $object ($(du -h "$object" | cut -f1)); not linked (see README, Native build)"
