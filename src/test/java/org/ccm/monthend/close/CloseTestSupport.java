package org.ccm.monthend.close;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Shared pieces of the close tests: a fixed "today" and CSV reading. */
final class CloseTestSupport {

    private CloseTestSupport() {
    }


    /** A step of an execution by name (kept out of test classes: the step-scope test listener scans them for StepExecution factories). */
    static org.springframework.batch.core.step.StepExecution step(org.springframework.batch.core.job.JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }

    /** Every record of a CSV export, header included as the first row, as lists of fields. */
    static List<List<String>> rows(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file); CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
            return parser.stream().map(CSVRecord::toList).toList();
        }
    }
}
