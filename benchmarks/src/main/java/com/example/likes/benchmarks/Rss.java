package com.example.likes.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The resident memory of processes from {@code /proc/<pid>/status}, and the most each reached while sampled. */
final class Rss implements AutoCloseable {

    private final Map<String, LongSupplier> pids;
    private final Map<String, Long> most = new ConcurrentHashMap<>();
    private final Thread sampler;

    /** Samples the processes of {@code pids} (each read anew, as a restarted process has another) twice a second. */
    Rss(Map<String, LongSupplier> pids) {
        this.pids = pids;
        this.sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                now().forEach((name, mb) -> most.merge(name, mb, Math::max));
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Each process's RSS now, in MB; a process not running is left out. */
    Map<String, Long> now() {
        Map<String, Long> rss = new TreeMap<>();
        pids.forEach((name, pid) -> {
            try {
                long mb = megabytes(Files.readString(Path.of("/proc", Long.toString(pid.getAsLong()), "status")));
                if (mb >= 0) {
                    rss.put(name, mb);
                }
            } catch (IOException | RuntimeException notRunning) {
                // stopped or restarting: nothing to read
            }
        });
        return rss;
    }

    Map<String, Long> most() {
        return new TreeMap<>(most);
    }

    /** The {@code VmRSS} line of a {@code /proc/<pid>/status} in MB, or -1 without one. */
    static long megabytes(String status) {
        return status.lines()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                .findFirst()
                .orElse(-1L);
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
