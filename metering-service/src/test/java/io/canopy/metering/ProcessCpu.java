package io.canopy.metering;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent, which noise on a shared machine hardly moves (wall-clock does): this JVM (the
 * service and the bench), and the PostgreSQL processes it started (from /proc: live backends plus
 * what the postmaster reaped). Linux only; zeros elsewhere.
 */
record ProcessCpu(long jvmNanos, long postgresNanos) {

    private static final long TICK_NANOS = 1_000_000_000L / 100; // USER_HZ is 100 on Linux

    static ProcessCpu now() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new ProcessCpu(jvm, postgresTicks() * TICK_NANOS);
    }

    ProcessCpu since(ProcessCpu start) {
        return new ProcessCpu(jvmNanos - start.jvmNanos, postgresNanos - start.postgresNanos);
    }

    /** CPU-ms per 1,000 items. */
    static double perThousand(long nanos, long items) {
        return nanos / 1e6 / items * 1000;
    }

    /**
     * local-stack's PostgreSQL of this JVM: its postmaster runs with {@code -D .../jvm-<pid>/postgres}
     * (started through pg_ctl, so it is not our child); its backends are the postmaster's children.
     */
    private static long postgresTicks() {
        String marker = "/jvm-" + ProcessHandle.current().pid() + "/";
        Map<Long, String[]> stats = new HashMap<>();
        long postmaster = -1;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(stat.indexOf('(') + 1, close);
                    if (!comm.startsWith("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    stats.put(pid, new String[] { comm, fields[1], fields[11], fields[12], fields[13], fields[14] });
                    String cmdline = Files.readString(p.resolve("cmdline"));
                    if (cmdline.contains(marker)) {
                        postmaster = pid;
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        if (postmaster < 0) {
            return 0;
        }
        long ticks = 0;
        for (Map.Entry<Long, String[]> e : stats.entrySet()) {
            String[] s = e.getValue();
            if (e.getKey() == postmaster) {
                ticks += Long.parseLong(s[2]) + Long.parseLong(s[3]) + Long.parseLong(s[4]) + Long.parseLong(s[5]);
            } else if (Long.parseLong(s[1]) == postmaster) {
                ticks += Long.parseLong(s[2]) + Long.parseLong(s[3]);
            }
        }
        return ticks;
    }
}
