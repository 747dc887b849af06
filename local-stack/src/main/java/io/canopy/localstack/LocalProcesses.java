package io.canopy.localstack;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping processes we started: SIGTERM, a grace period, then SIGKILL. */
public final class LocalProcesses {

    private LocalProcesses() {
    }

    /** Returns true when the process is gone afterwards. */
    public static boolean stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return !process.isAlive();
            }
        }
        return !process.isAlive();
    }
}
