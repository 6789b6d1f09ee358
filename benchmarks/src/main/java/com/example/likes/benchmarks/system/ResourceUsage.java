package com.example.likes.benchmarks.system;

import java.util.Map;

/**
 * What the processes used while a load was measured.
 *
 * @param cpuMillisPerRequest CPU time (user + system) per completed request, by process
 * @param coresUsed CPU time over wall time, by process: 1.0 is one core busy all the time
 * @param maxRssBytes the largest resident memory seen (sampled about once a second), by process
 * @param machineBusy the share of the whole machine's CPU time that was busy, 0 to 1
 */
public record ResourceUsage(
        Map<String, Double> cpuMillisPerRequest,
        Map<String, Double> coresUsed,
        Map<String, Long> maxRssBytes,
        double machineBusy) {

    public static final ResourceUsage NONE = new ResourceUsage(Map.of(), Map.of(), Map.of(), -1);
}
