package com.example.likes.benchmarks.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads processes' memory and CPU time, and the machine's, from Linux's {@code /proc}. Elsewhere every figure is
 * unknown (-1) and the benchmark says so instead of guessing.
 */
public final class Proc {

    /** Linux's USER_HZ: the unit of the CPU times in {@code /proc/<pid>/stat} (100 on every common platform). */
    static final long TICKS_PER_SECOND = 100;

    private Proc() {}

    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** Resident memory of {@code pid} in bytes ({@code VmRSS}), or -1. */
    public static long rssBytes(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                    .orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time {@code pid} used so far, user and system, in milliseconds, or -1. */
    public static long cpuMillis(long pid) {
        try {
            return cpuMillisOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time the threads of {@code pid} whose name passes {@code name} used so far, in milliseconds
     * ({@code /proc/<pid>/task/<tid>/stat}), or -1. A thread that has ended no longer counts.
     */
    public static long threadsCpuMillis(long pid, Predicate<String> name) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.mapToLong(thread -> {
                        try {
                            String stat = Files.readString(thread.resolve("stat"));
                            return name.test(nameOf(stat)) ? cpuMillisOf(stat) : 0;
                        } catch (IOException | RuntimeException gone) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The command (or thread) name of one {@code /proc/.../stat} line, which may hold spaces and parentheses. */
    static String nameOf(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** utime + stime of one {@code /proc/<pid>/stat} line, in milliseconds. */
    static long cpuMillisOf(String stat) {
        return timesInMillis(stat, 2);
    }

    /**
     * utime + stime + cutime + cstime of one {@code /proc/<pid>/stat} line, in milliseconds: the process's own CPU
     * time and that of its children that have ended and been waited for.
     */
    static long cpuMillisWithEndedChildrenOf(String stat) {
        return timesInMillis(stat, 4);
    }

    // The sum of the first `count` CPU times of a stat line (utime, stime, cutime, cstime: fields 14 to 17).
    private static long timesInMillis(String stat, int count) {
        // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = 0;
        for (int i = 11; i < 11 + count; i++) {
            ticks += Long.parseLong(fields[i]);
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /**
     * CPU time all processes called {@code command} (e.g. {@code postgres}) used so far, in milliseconds, those that
     * ended included: PostgreSQL runs a process per connection, and a connection closed during a measured window
     * (the pool retiring it, or a fault) would otherwise take its CPU time out of the sum, which can then shrink. Its
     * time moves to its parent's children's times when the parent waits for it, so each process counts with those.
     */
    public static long cpuMillisOfAll(String command) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> {
                        try {
                            String stat = Files.readString(p.resolve("stat"));
                            return nameOf(stat).equals(command) ? cpuMillisWithEndedChildrenOf(stat) : 0;
                        } catch (IOException | RuntimeException gone) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The machine's CPU time so far, {@code [busy, total]} in ticks of all cores ({@code /proc/stat}), or null. */
    public static long[] machineTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElseThrow();
            return machineTicksOf(cpu);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code [busy, total]} of the {@code cpu} line of {@code /proc/stat}: idle and iowait are not busy. */
    static long[] machineTicksOf(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[] {total - idle, total};
    }
}
