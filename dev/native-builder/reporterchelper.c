/*
 * The JNI helper that the native-image builder's progress reporter loads from
 * ${java.home}/lib/svm/builder/lib/libreporterchelper.so (a GraalVM distribution ships it; the
 * Maven Central jars do not). Its two natives are declared in com.oracle.svm.hosted.ProgressReporterCHelper;
 * dev/native-compile.sh checks with javap that the names still match before it builds this file.
 */
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

/* Peak resident set size of the builder, in bytes (Linux reports ru_maxrss in KiB). */
JNIEXPORT jlong JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass clazz) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) {
        return -1;
    }
    return (jlong) usage.ru_maxrss * 1024;
}

/* Columns of the terminal on stdout, or -1 when stdout is no terminal (the builder then clamps to 80). */
JNIEXPORT jint JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass clazz) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) {
        return -1;
    }
    return size.ws_col;
}
