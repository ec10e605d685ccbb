package org.ccm.monthend.remittance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.imsweb.x12.reader.X12Reader;
import com.imsweb.x12.reader.X12Reader.FileType;

/**
 * The loop structure of an 835 by com.imsweb:x12-parser's 005010X221A1 mapping: loop and segment order, required
 * segments and elements, repeats and code values. It reads the whole file into memory, so the poster uses it only
 * for files up to {@code ccm.remit.validate-max-bytes}; the streaming reader checks envelope and balance of all.
 */
public final class Structure835 {

    private Structure835() {
    }

    /** Every error the reader reports (fatal ones first); empty when the file is a well-formed 835 5010. */
    public static List<String> errors(InputStream in) {
        List<String> errors = new ArrayList<>();
        try {
            X12Reader reader = new X12Reader(FileType.ANSI835_5010_X221, in, StandardCharsets.US_ASCII);
            errors.addAll(reader.getFatalErrors());
            errors.addAll(reader.getErrors());
        }
        catch (IOException | RuntimeException ex) {
            errors.add("unreadable: " + ex.getMessage());
        }
        return errors;
    }

    /** The first error, if any. */
    public static Optional<String> firstError(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return errors(in).stream().findFirst();
        }
    }
}
