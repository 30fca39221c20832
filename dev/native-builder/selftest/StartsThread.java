/**
 * The self-test of dev/native-compile.sh: initialised at build time, this class leaves a thread that is
 * still running in the image heap, which the native-image builder must refuse ("Detected a started
 * Thread in the image heap"). The thread must still be running: one that has ended would pass.
 */
public class StartsThread {
    static final Thread WORKER = Thread.ofPlatform().daemon().name("still-running").start(() -> {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    });

    public static void main(String[] args) {
        System.out.println(WORKER.getName());
    }
}
