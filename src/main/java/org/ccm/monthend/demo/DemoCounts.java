package org.ccm.monthend.demo;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.ccm.monthend.importing.InputFile;

/** Rows generated per input file (table). */
public record DemoCounts(Map<InputFile, Long> rows) {

    public DemoCounts {
        rows = Map.copyOf(rows);
    }

    public long rows(InputFile file) {
        return rows.getOrDefault(file, 0L);
    }

    /** One line for the console, in the contract's file order. */
    public String summary() {
        return new EnumMap<>(rows).entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().table())
                .collect(Collectors.joining(", "));
    }
}
