package com.example.likes.benchmarks.system;

import com.example.likes.benchmarks.load.Monitor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Measures the processes of the system and the generator over a load's measured window: CPU time from
 * {@code /proc/<pid>/stat} (utime + stime) before and after, resident memory ({@code VmRSS}) about once a second,
 * and the machine's busy share from {@code /proc/stat}. PostgreSQL is all processes named {@code postgres} (one per
 * connection), summed with the CPU time of those that ended ({@link Proc#cpuMillisOfAll}); it has no resident memory
 * figure because its processes share their buffers.
 */
public final class ResourceMonitor implements Monitor {

    public static final String POSTGRES = "postgresql";

    private final Map<String, LongSupplier> processes;
    private final Map<String, Long> cpuAtBegin = new LinkedHashMap<>();
    private final Map<String, Long> maxRss = new LinkedHashMap<>();
    private long[] machineAtBegin;
    private long beginNanos;
    private volatile ResourceUsage usage = ResourceUsage.NONE;

    /** @param processes the pid of each process to watch, by name, read at each sample (a restart changes it) */
    public ResourceMonitor(Map<String, LongSupplier> processes) {
        this.processes = new LinkedHashMap<>(processes);
    }

    @Override
    public synchronized void begin() {
        cpuAtBegin.clear();
        maxRss.clear();
        processes.forEach((name, pid) -> cpuAtBegin.put(name, Proc.cpuMillis(pid.getAsLong())));
        cpuAtBegin.put(POSTGRES, Proc.cpuMillisOfAll("postgres"));
        machineAtBegin = Proc.machineTicks();
        beginNanos = System.nanoTime();
        tick();
    }

    @Override
    public synchronized void tick() {
        processes.forEach((name, pid) -> maxRss.merge(name, Proc.rssBytes(pid.getAsLong()), Math::max));
    }

    @Override
    public synchronized void end(long requests) {
        tick();
        double wallMillis = (System.nanoTime() - beginNanos) / 1e6;
        Map<String, Double> perRequest = new LinkedHashMap<>();
        Map<String, Double> cores = new LinkedHashMap<>();
        cpuAtBegin.forEach((name, before) -> {
            long after = name.equals(POSTGRES)
                    ? Proc.cpuMillisOfAll("postgres")
                    : Proc.cpuMillis(processes.get(name).getAsLong());
            if (before >= 0 && after >= 0) {
                perRequest.put(name, requests == 0 ? 0 : (after - before) / (double) requests);
                cores.put(name, (after - before) / wallMillis);
            }
        });
        long[] machine = Proc.machineTicks();
        double busy = machine == null || machineAtBegin == null
                ? -1
                : (machine[0] - machineAtBegin[0]) / (double) Math.max(1, machine[1] - machineAtBegin[1]);
        usage = new ResourceUsage(perRequest, cores, new LinkedHashMap<>(maxRss), busy);
    }

    /** What the last measured window used. */
    public ResourceUsage usage() {
        return usage;
    }

    /** Each watched process's resident memory now, in bytes. */
    public Map<String, Long> rssNow() {
        Map<String, Long> rss = new LinkedHashMap<>();
        processes.forEach((name, pid) -> rss.put(name, Proc.rssBytes(pid.getAsLong())));
        return rss;
    }

    /** Watches one more process from now on (the bare gRPC server while it runs). */
    public synchronized void watch(String name, LongSupplier pid) {
        processes.put(name, pid);
    }

    public synchronized void unwatch(String name) {
        processes.remove(name);
    }
}
