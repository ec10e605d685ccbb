package org.ccm.monthend.submission;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.security.DigestOutputStream;

import java.util.Locale;

import org.ccm.monthend.core.Checksums;
import org.ccm.monthend.submission.Claim837.Claim;

/**
 * Issue 12's writing levers measured apart from the database: the same synthetic claims written through
 * {@link Interchange837Writer} to a SHA-256 digest and nowhere else, with and without StAEDI's envelope checks, behind
 * a {@link BufferedOutputStream} (a lock per byte) or the submit's unsynchronised buffer. Prints the CPU time of the
 * writing thread (less sensitive to a shared machine's load than wall time), best of three rounds per variant.
 *
 * <pre>
 * ./mvnw -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.classpath) org.ccm.monthend.submission.Interchange837WriterBench 700000
 * </pre>
 */
public final class Interchange837WriterBench {

    private Interchange837WriterBench() {
    }

    public static void main(String[] args) throws Exception {
        int claims = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // warm-up, then the variants in turn
        write(claims / 10, Interchange837Writer.Checks.ENVELOPE, false);
        write(claims / 10, Interchange837Writer.Checks.NONE, true);
        System.out.printf(Locale.ROOT, "%,d claims (%,d lines) per round, CPU seconds of the writing thread, best of 3%n", claims,
                claims + claims * 2 / 3);
        for (Interchange837Writer.Checks checks : Interchange837Writer.Checks.values()) {
            for (boolean unsynchronised : new boolean[] {false, true}) {
                double best = Double.MAX_VALUE;
                long bytes = 0;
                for (int round = 0; round < 3; round++) {
                    long started = threads.getCurrentThreadCpuTime();
                    bytes = write(claims, checks, unsynchronised);
                    best = Math.min(best, (threads.getCurrentThreadCpuTime() - started) / 1e9);
                }
                System.out.printf(Locale.ROOT, "checks %-8s %-26s %6.2f s  %,.0f claims/s  %,d MiB%n", checks,
                        unsynchronised ? "unsynchronised buffer" : "BufferedOutputStream", best, claims / best, bytes >> 20);
            }
        }
    }

    private static long write(int claims, Interchange837Writer.Checks checks, boolean unsynchronised) throws Exception {
        Counting counting = new Counting();
        DigestOutputStream digest = new DigestOutputStream(counting, Checksums.sha256Digest());
        try (OutputStream out = unsynchronised ? new Submitter.ByteBuffered(digest, 1 << 16) : new BufferedOutputStream(digest, 1 << 16);
                Interchange837Writer writer = Interchange837Writer.open(out, Sample837.HEADER, checks)) {
            writer.provider(Sample837.NORTH);
            for (int i = 0; i < claims; i++) {
                // two claims in three with an add-on line, as the demo month has
                Claim claim = i % 3 == 0 ? Sample837.claim(String.format(Locale.ROOT, "CCM-202611-P%07d", i), "Delta", new BigDecimal("66.13"))
                        : Sample837.claim(String.format(Locale.ROOT, "CCM-202611-P%07d", i), "O'Brien", new BigDecimal("66.13"),
                                new BigDecimal("48.10"));
                writer.claim(claim);
            }
        }
        return counting.bytes;
    }

    /** Counts what reaches it. */
    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

}
