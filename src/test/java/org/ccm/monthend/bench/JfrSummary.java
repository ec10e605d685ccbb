package org.ccm.monthend.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples fall, the aggregation one would do by hand over
 * {@code jfr print --events jdk.ExecutionSample}: top frames (self time), top packages of the top frame, and
 * the first frame of our own code in each stack (which product code the time is spent for, libraries
 * included). Native samples (threads in a socket read: waiting for the database) and the long blocking reads
 * and writes the recording kept are counted beside them.
 *
 * <p>Also runs on its own: {@code java -cp ... org.ccm.monthend.bench.JfrSummary FILE.jfr [TOP]}.
 */
final class JfrSummary {

    private static final String OUR_CODE = "org.ccm.monthend.";

    private final Map<String, Counter> counters = new HashMap<>();

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrSummary FILE.jfr [TOP]");
            System.exit(2);
        }
        print(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 15, System.out);
    }

    static void print(Path recording, int top, PrintStream out) throws IOException {
        JfrSummary summary = new JfrSummary();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            summary.add(event);
        }
        summary.report(top, out);
    }

    private void add(RecordedEvent event) {
        String type = event.getEventType().getName();
        switch (type) {
            case "jdk.ExecutionSample" -> {
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    return;
                }
                List<RecordedFrame> frames = stack.getFrames();
                counter("cpu: top frame").add(method(frames.get(0)));
                counter("cpu: top frame's package").add(packageOf(frames.get(0)));
                counter("cpu: first frame of our code (inclusive)").add(firstOfOurs(frames));
                counter("cpu: thread").add(event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName());
            }
            case "jdk.NativeMethodSample" -> {
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    return;
                }
                // only threads that were busy for us: idle pool and JVM housekeeping threads park in native code too
                String ours = firstOfOurs(stack.getFrames());
                if (!ours.startsWith("(")) {
                    counter("native (blocked in I/O): first frame of our code").add(ours + "  <- " + method(stack.getFrames().get(0)));
                }
            }
            case "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite", "jdk.FileForce" ->
                    counter("blocking I/O over the recording's threshold (seconds)").add(type, event.getDuration());
            default -> {
            }
        }
    }

    private Counter counter(String name) {
        return counters.computeIfAbsent(name, Counter::new);
    }

    private void report(int top, PrintStream out) {
        counters.values().stream().sorted(Comparator.comparing(c -> c.name)).forEach(counter -> counter.print(top, out));
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String packageOf(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "(default)" : type.substring(0, dot);
    }

    private static String firstOfOurs(List<RecordedFrame> frames) {
        return frames.stream().filter(f -> f.getMethod().getType().getName().startsWith(OUR_CODE)).findFirst()
                .map(f -> method(f).substring(OUR_CODE.length())).orElse("(no frame of ours)");
    }

    /** Counts per key (or sums of durations, for the I/O events), printed as a share of the total. */
    private static final class Counter {

        final String name;
        final Map<String, Double> values = new HashMap<>();
        double total;
        boolean durations;

        Counter(String name) {
            this.name = name;
        }

        void add(String key) {
            values.merge(key, 1.0, Double::sum);
            total++;
        }

        void add(String key, Duration duration) {
            durations = true;
            double seconds = duration.toNanos() / 1e9;
            values.merge(key, seconds, Double::sum);
            total += seconds;
        }

        void print(int top, PrintStream out) {
            Function<Double, String> shown = durations ? v -> String.format(Locale.ROOT, "%8.1f s", v)
                    : v -> String.format(Locale.ROOT, "%8.0f", v);
            out.printf(Locale.ROOT, "  %s (%s in all)%n", name, shown.apply(total).trim());
            values.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                    .forEach(e -> out.printf(Locale.ROOT, "    %s %5.1f%%  %s%n", shown.apply(e.getValue()),
                            100 * e.getValue() / total, e.getKey()));
        }
    }
}
