package io.canopy.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a process (and, for PostgreSQL, the server processes under its holder) has cost, from
 * {@code /proc}: CPU time (utime + stime of {@code /proc/<pid>/stat}) and peak resident memory
 * ({@code VmHWM} of {@code /proc/<pid>/status}). CPU time is a cost that a shared, noisy machine
 * hardly moves, unlike wall-clock rates.
 */
public final class ProcessCosts {

    /** USER_HZ: Linux reports stat times in 1/100 s on every architecture we run on. */
    static final long TICKS_PER_SECOND = 100;

    /** @param cpuMillis CPU time so far; @param peakRssKb highest resident set so far (VmHWM) */
    public record Sample(long cpuMillis, long peakRssKb) {
        public Sample minus(Sample before) {
            return new Sample(cpuMillis - before.cpuMillis, peakRssKb);
        }
    }

    private ProcessCosts() {
    }

    /** The process alone, or with {@code withDescendants} every live process under it added up (CPU) / the largest (RSS). */
    public static Sample of(ProcessHandle process, boolean withDescendants) {
        List<ProcessHandle> all = withDescendants
                ? Stream.concat(Stream.of(process), process.descendants()).toList()
                : List.of(process);
        long cpu = 0;
        long rss = 0;
        for (ProcessHandle p : all) {
            cpu += cpuMillis(p.pid());
            rss = Math.max(rss, peakRssKb(p.pid()));
        }
        return new Sample(cpu, rss);
    }

    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may contain spaces and parentheses: fields count from after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14th), stime (15th)
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0; // gone meanwhile
        }
    }

    static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
