package com.example.likes.benchmarks.report;

import com.example.likes.benchmarks.load.LoadResult;
import com.example.likes.benchmarks.system.ResourceUsage;

/**
 * One measured load of one scenario.
 *
 * @param scenario the scenario it belongs to: {@code a}, {@code b}, {@code c}, {@code e} (cold start) or
 *     {@code x} (external check)
 * @param name what was sent where, e.g. {@code GetUser gRPC}
 * @param result the requests' throughput, latencies and errors
 * @param resources the processes' CPU and memory meanwhile
 */
public record Run(String scenario, String name, LoadResult result, ResourceUsage resources) {

    /** The name and the load, e.g. {@code GetUser gRPC, closed c=64}: unique within a run. */
    public String key() {
        return name + ", " + result.load().label();
    }
}
