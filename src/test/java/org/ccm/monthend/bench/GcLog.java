package org.ccm.monthend.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a child's {@code -Xlog:gc:file=...} says: its pauses, and the most heap in use before any collection,
 * which is as close to the peak heap as the log gets.
 *
 * @param pauses how many stop-the-world pauses (young, mixed, full, remark, cleanup)
 * @param pauseSeconds their total length
 * @param peakHeapMib the largest "before" value of any pause
 * @param heapMib the committed heap at the last pause
 */
record GcLog(int pauses, double pauseSeconds, long peakHeapMib, long heapMib) {

    /** e.g. {@code [3.1s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 300M->12M(512M) 4.321ms} */
    private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) Pause .*? (\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");

    static GcLog read(Path file) throws IOException {
        int pauses = 0;
        double pauseSeconds = 0;
        long peak = 0;
        long heap = 0;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                Matcher pause = PAUSE.matcher(line);
                if (pause.find()) {
                    pauses++;
                    peak = Math.max(peak, Long.parseLong(pause.group(1)));
                    heap = Long.parseLong(pause.group(3));
                    pauseSeconds += Double.parseDouble(pause.group(4)) / 1000;
                }
            }
        }
        return new GcLog(pauses, pauseSeconds, peak, heap);
    }
}
