package com.example.likes.platform.admission;

import com.netflix.concurrency.limits.MetricRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What a limiter reports, as Micrometer meters tagged with the protocol it guards: {@code admission.limit} (how many
 * requests it admits at once now), {@code admission.limit.partition} (a kind's guaranteed share of that), and
 * {@code admission.requests} by {@code status}: {@code success}, {@code rejected} (refused), {@code dropped} (timed
 * out or cancelled) and {@code ignored}. Per-request distributions (requests in flight, round trips) are left out:
 * the request timers of Spring and Spring gRPC already say as much.
 */
final class LimiterMetrics implements MetricRegistry {

    private static final SampleListener NOT_RECORDED = value -> {};

    private final MeterRegistry meters;
    private final Tags tags;

    LimiterMetrics(MeterRegistry meters, String protocol) {
        this.meters = meters;
        this.tags = Tags.of("protocol", protocol);
    }

    @Override
    public SampleListener distribution(String id, String... tagNameValuePairs) {
        return NOT_RECORDED;
    }

    @Override
    public void gauge(String id, Supplier<Number> supplier, String... tagNameValuePairs) {
        Gauge.builder("admission." + id, supplier, value -> value.get().doubleValue())
                .tags(tags.and(tagNameValuePairs))
                // The supplier is a lambda only the gauge holds: a weak reference would lose it to the first GC.
                .strongReference(true)
                .register(meters);
    }

    @Override
    public Counter counter(String id, String... tagNameValuePairs) {
        LongAdder count = new LongAdder();
        FunctionCounter.builder("admission.requests", count, LongAdder::doubleValue)
                .tags(tags.and(statusOnly(tagNameValuePairs)))
                .register(meters);
        return count::increment;
    }

    // The limiter's name ("id") says nothing that the protocol tag does not; its status is what counts.
    private static Tags statusOnly(String[] pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if ("status".equals(pairs[i])) {
                return Tags.of("status", pairs[i + 1]);
            }
        }
        return Tags.empty();
    }
}
