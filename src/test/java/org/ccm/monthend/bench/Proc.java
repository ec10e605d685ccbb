package org.ccm.monthend.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What Linux's /proc says about a process and the machine; -1 when it cannot be read (the process is gone). */
final class Proc {

    /** USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every Linux distribution of note. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Proc() {
    }

    /** User plus system CPU time of {@code pid} so far, all threads, in seconds. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        }
        catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    /** The peak resident set size (VmHWM) of {@code pid}, in KiB. */
    static long peakRssKib(long pid) {
        return statusKib(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:");
    }

    static long memTotalKib() {
        return statusKib(Path.of("/proc/meminfo"), "MemTotal:");
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return String.join(" ", fields[0], fields[1], fields[2]);
        }
        catch (IOException | RuntimeException ex) {
            return "?";
        }
    }

    private static long statusKib(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().toLowerCase(Locale.ROOT).replace("kb", "").trim());
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // the process ended between two polls
        }
        return -1;
    }
}
