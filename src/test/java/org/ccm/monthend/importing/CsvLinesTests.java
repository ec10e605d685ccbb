package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvLinesTests {

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("a,b,c", List.of("a", "b", "c")),
                arguments("a,,c", List.of("a", "", "c")),
                arguments("a,b,", List.of("a", "b", "")),
                arguments("", List.of("")),
                arguments("\"a,b\",c", List.of("a,b", "c")),
                arguments("\"say \"\"hi\"\"\",x", List.of("say \"hi\"", "x")),
                arguments("a\"b,c", List.of("a\"b", "c")),
                arguments("\" a \",b", List.of(" a ", "b")),
                arguments("\"\",\"\"", List.of("", "")));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @MethodSource("rows")
    void splitsAsRfc4180(String text, List<String> expected) {
        List<String> values = new ArrayList<>();
        assertThat(CsvLines.split(text, values)).isNull();
        assertThat(values).isEqualTo(expected);
    }

    @Test
    void aCharacterAfterTheClosingQuoteIsBrokenQuoting() {
        assertThat(CsvLines.split("a,\"b\"c", new ArrayList<>())).startsWith("a character follows the closing quote of value 2");
    }

    @Test
    void crlfBomAndAMissingLastLineBreakAreRead() throws IOException {
        byte[] bytes = "\uFEFFh1,h2\r\nx,\"multi\r\nline\"\r\ny,z".getBytes(StandardCharsets.UTF_8);
        try (CsvLines lines = new CsvLines(new ByteArrayInputStream(bytes))) {
            assertThat(lines.next().values()).containsExactly("h1", "h2");
            lines.expectValues(2);
            CsvLines.Row multi = lines.next();
            assertThat(multi.values()).containsExactly("x", "multi\nline");
            assertThat(multi.line()).isEqualTo(2);
            assertThat(multi.lastLine()).isEqualTo(3);
            CsvLines.Row last = lines.next();
            assertThat(last.values()).containsExactly("y", "z");
            assertThat(last.line()).isEqualTo(4);
            assertThat(lines.next()).isNull();
        }
    }

    @Test
    void aRefusedJoinedRowRejectsItsFirstLineAndRereadsTheRest() throws IOException {
        byte[] bytes = "a,\"b\nc,d\ne,f\"\ng,h\n".getBytes(StandardCharsets.UTF_8);
        try (CsvLines lines = new CsvLines(new ByteArrayInputStream(bytes))) {
            lines.expectValues(2);
            // lines 1-3 join into the row [a, b\nc,d\ne,f] of two values; validation refuses it
            assertThat(lines.next().lines()).isEqualTo(3);
            assertThat(lines.unjoin("too long")).startsWith("broken quoting: a quoted value opens on this line")
                    .endsWith("(read as one row with the lines after it, it was refused: too long)");
            assertThat(lines.next().values()).containsExactly("c", "d");
            // alone, the quote of line 3 is a character of an unquoted value
            assertThat(lines.next().values()).containsExactly("e", "f\"");
            assertThat(lines.next().values()).containsExactly("g", "h");
            assertThat(lines.next()).isNull();
        }
    }

    @Test
    void aJoinedRowOfTheWrongWidthIsNotARow() throws IOException {
        byte[] bytes = "a,\"b\nc\",x,y\nd,e\n".getBytes(StandardCharsets.UTF_8);
        try (CsvLines lines = new CsvLines(new ByteArrayInputStream(bytes))) {
            lines.expectValues(2);
            CsvLines.Row broken = lines.next();
            assertThat(broken.line()).isEqualTo(1);
            assertThat(broken.problem()).contains("does not close into one row of 2 values within 100 lines");
            assertThat(lines.next().values()).containsExactly("c\"", "x", "y");
            assertThat(lines.next().values()).containsExactly("d", "e");
            assertThat(lines.next()).isNull();
        }
    }

    @Test
    void malformedBytesRejectOneLineAndNameTheirPosition() throws IOException {
        byte[] bytes = {'o', 'k', '\n', 'b', 'a', (byte) 0xC3, '(', '\n', 'n', 'e', 'x', 't', '\n'};
        try (CsvLines lines = new CsvLines(new ByteArrayInputStream(bytes))) {
            assertThat(lines.next().values()).containsExactly("ok");
            assertThat(lines.next().problem()).isEqualTo("not UTF-8: malformed bytes on this line (byte 3 of the line);"
                    + " the line was not read");
            assertThat(lines.next().values()).containsExactly("next");
        }
    }
}
