package com.example.likes.benchmarks.system;

import com.example.likes.benchmarks.load.Monitor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * How much of each service's CPU its JIT compiler threads took over a load: over the load's first seconds and over
 * the whole window, from the CPU time of the threads HotSpot names {@code C1 CompilerThread<n>} and
 * {@code C2 CompilerThread<n>} ({@code /proc/<pid>/task}). A cold start is where this matters: the requests and the
 * compilers share the same cores. Compiler threads that HotSpot started for a while and ended again no longer
 * count, so the share is a lower bound (with the two compiler threads of a two-core machine, none end).
 */
public final class JitMonitor implements Monitor {

    /** The compiler threads' names as {@code /proc} gives them (truncated to 15 characters). */
    static final Predicate<String> COMPILER_THREAD =
            name -> name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");

    private final Map<String, LongSupplier> services;
    private final Duration first;
    private final Map<String, long[]> atBegin = new LinkedHashMap<>();
    private final Map<String, long[]> atFirst = new LinkedHashMap<>();
    private final Map<String, long[]> atEnd = new LinkedHashMap<>();
    private long beginNanos;

    /**
     * @param services the pid of each service, by name
     * @param first the load's first seconds, measured on their own as well
     */
    public JitMonitor(Map<String, LongSupplier> services, Duration first) {
        this.services = new LinkedHashMap<>(services);
        this.first = first;
    }

    @Override
    public synchronized void begin() {
        beginNanos = System.nanoTime();
        read(atBegin);
    }

    @Override
    public synchronized void tick() {
        if (atFirst.isEmpty() && System.nanoTime() - beginNanos >= first.toNanos()) {
            read(atFirst);
        }
    }

    @Override
    public synchronized void end(long requests) {
        read(atEnd);
        if (atFirst.isEmpty()) {
            atFirst.putAll(atEnd);
        }
    }

    /** Each service's compiler threads' share of its CPU, over the first seconds and the whole window. */
    public synchronized Map<String, Share> shares() {
        Map<String, Share> shares = new LinkedHashMap<>();
        atBegin.forEach((name, begin) -> {
            long[] firstSeconds = atFirst.get(name);
            long[] end = atEnd.get(name);
            if (firstSeconds != null && end != null) {
                shares.put(name, new Share(share(begin, firstSeconds), share(begin, end)));
            }
        });
        return shares;
    }

    private void read(Map<String, long[]> into) {
        services.forEach((name, pid) -> {
            long process = Proc.cpuMillis(pid.getAsLong());
            long compilers = Proc.threadsCpuMillis(pid.getAsLong(), COMPILER_THREAD);
            if (process >= 0 && compilers >= 0) {
                into.put(name, new long[] {process, compilers});
            }
        });
    }

    // The compilers' CPU between two readings as a share of the process's, or NaN when it used none.
    private static double share(long[] from, long[] to) {
        long process = to[0] - from[0];
        return process <= 0 ? Double.NaN : (to[1] - from[1]) / (double) process;
    }

    /**
     * @param firstSeconds the compiler threads' share of the service's CPU over the load's first seconds
     * @param window the same over the whole measured window
     */
    public record Share(double firstSeconds, double window) {}
}
