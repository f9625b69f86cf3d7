package io.glassbox.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nanosecond samples and their percentiles (nearest rank). Thread-safe for adding. */
final class Percentiles {

    private final List<Long> samples = Collections.synchronizedList(new ArrayList<>());

    void add(long nanos) {
        samples.add(nanos);
    }

    void addAll(Percentiles other) {
        samples.addAll(other.samples);
    }

    int count() {
        return samples.size();
    }

    /** The nearest-rank {@code p}th percentile, NaN without samples. */
    double percentile(double p) {
        long[] sorted;
        synchronized (samples) {
            sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The percentiles in milliseconds, "a / b / c"; "–" without samples. */
    String ms(double... percentiles) {
        List<String> values = new ArrayList<>();
        for (double p : percentiles) {
            values.add(Table.ms(percentile(p)));
        }
        return String.join(" / ", values);
    }

    String summary() {
        return "n=" + count() + " p50 " + Table.ms(percentile(50)) + " p95 " + Table.ms(percentile(95)) + " p99 "
                + Table.ms(percentile(99)) + " max " + Table.ms(percentile(100));
    }
}
