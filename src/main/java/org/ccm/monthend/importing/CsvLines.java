package org.ccm.monthend.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The rows of an RFC 4180 CSV file, read physical line by physical line so that one bad line never hides
 * the lines after it (data-contract: bad rows never stop the good ones and are never dropped silently).
 * <ul>
 * <li>Each physical line is decoded as UTF-8 on its own: malformed bytes reject that line only.</li>
 * <li>A line whose quoted value does not close on it is joined with the lines after it, but only when the
 * joined text closes within {@link #MAX_LINES_PER_ROW} lines into a row of the header's number of values;
 * otherwise the first line is rejected and reading resumes at the line after it.</li>
 * <li>A row that parses across lines but is refused by validation can be {@linkplain #unjoin() unjoined}: its
 * first line is rejected as broken quoting and the lines after it are read again on their own.</li>
 * </ul>
 * The commons-csv parser cannot resume after a quoting error (its lexer stops the file), hence this reader;
 * its quoting is that of {@code CSVFormat.RFC4180}: a quote opens a value only as the value's first character,
 * {@code ""} inside a quoted value is one quote, and nothing but a comma or the line end may follow the
 * closing quote.
 */
final class CsvLines implements AutoCloseable {

    /** A quoted value spanning more lines than this is taken for an unclosed quote. */
    static final int MAX_LINES_PER_ROW = 100;
    /** A physical line longer than this (a binary file, a missing line break) is rejected unread. */
    static final int MAX_LINE_BYTES = 1 << 20;

    /**
     * One row, or one rejected line.
     *
     * @param line the physical line the row starts on (the header is line 1)
     * @param lastLine the physical line it ends on (the same but for quoted values spanning lines)
     * @param values the values as written, null when {@code problem} is set
     * @param problem why the line cannot be read as a row (no patient data: positions, never content)
     */
    record Row(long line, long lastLine, List<String> values, String problem) {

        int lines() {
            return (int) (lastLine - line + 1);
        }

        boolean blank() {
            return values != null && values.size() == 1 && values.get(0).isBlank();
        }
    }

    /** A physical line: its text, or why it could not be decoded. */
    private record Physical(long number, String text, String problem) {
    }

    private static final int INCOMPLETE = -1;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean end;
    private byte[] line = new byte[256];
    private long lineNumber;
    private int expectedValues = -1;
    private final Deque<Physical> pushedBack = new ArrayDeque<>();
    private List<Physical> lastJoined = List.of();

    CsvLines(InputStream in) {
        this.in = in;
    }

    /** From now on a quoted value may span lines only when the joined row has this many values (the header's). */
    void expectValues(int count) {
        this.expectedValues = count;
    }

    /** The next row or rejected line; null at the end of the file. */
    Row next() throws IOException {
        lastJoined = List.of();
        Physical first = physical();
        if (first == null) {
            return null;
        }
        if (first.problem() != null) {
            return new Row(first.number(), first.number(), null, first.problem());
        }
        List<String> values = new ArrayList<>();
        String error = split(first.text(), values);
        if (error == null) {
            return new Row(first.number(), first.number(), values, null);
        }
        if (error != UNCLOSED) {
            return new Row(first.number(), first.number(), null, "broken quoting: " + error);
        }
        // the quote may close on a later line: a quoted line break is part of the value
        List<Physical> joined = new ArrayList<>();
        StringBuilder text = new StringBuilder(first.text());
        while (joined.size() + 1 < MAX_LINES_PER_ROW) {
            Physical more = physical();
            if (more == null) {
                break;
            }
            joined.add(more);
            if (more.problem() != null) {
                break;
            }
            text.append('\n').append(more.text());
            values.clear();
            error = split(text, values);
            if (error != UNCLOSED) {
                break;
            }
        }
        Physical last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
        if (error == null && last != null && last.problem() == null && (expectedValues < 0 || values.size() == expectedValues)) {
            lastJoined = joined;
            return new Row(first.number(), last.number(), values, null);
        }
        for (int i = joined.size() - 1; i >= 0; i--) {
            pushedBack.push(joined.get(i));
        }
        return new Row(first.number(), first.number(), null, unclosed());
    }

    /**
     * The row just returned spanned lines but was refused: its first line becomes a rejected line with this
     * reason, and the lines after it will be read again, each on its own.
     */
    String unjoin(String refusal) {
        for (int i = lastJoined.size() - 1; i >= 0; i--) {
            pushedBack.push(lastJoined.get(i));
        }
        lastJoined = List.of();
        return unclosed() + " (read as one row with the lines after it, it was refused: " + refusal + ")";
    }

    private String unclosed() {
        return "broken quoting: a quoted value opens on this line and does not close into one row"
                + (expectedValues < 0 ? "" : " of " + expectedValues + " values") + " within " + MAX_LINES_PER_ROW
                + " lines; the lines after it are read on their own";
    }

    private static final String UNCLOSED = "unclosed";

    /**
     * Splits one record's text into {@code values}. Returns null when it is one complete record, {@link #UNCLOSED}
     * when it ends inside a quoted value, or what is wrong with its quoting.
     */
    static String split(CharSequence text, List<String> values) {
        int n = text.length();
        int i = 0;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (i < n && text.charAt(i) == '"') {
                value.setLength(0);
                i++;
                while (true) {
                    int quote = indexOf(text, '"', i);
                    if (quote < 0) {
                        return UNCLOSED;
                    }
                    value.append(text, i, quote);
                    if (quote + 1 < n && text.charAt(quote + 1) == '"') {
                        value.append('"');
                        i = quote + 2;
                        continue;
                    }
                    i = quote + 1;
                    break;
                }
                values.add(value.toString());
                if (i == n) {
                    return null;
                }
                if (text.charAt(i) != ',') {
                    return "a character follows the closing quote of value " + values.size() + " (column " + (i + 1)
                            + " of the row)";
                }
                i++;
            }
            else {
                int comma = indexOf(text, ',', i);
                if (comma < 0) {
                    values.add(text.subSequence(i, n).toString());
                    return null;
                }
                values.add(text.subSequence(i, comma).toString());
                i = comma + 1;
            }
            if (i == n) {
                values.add("");
                return null;
            }
        }
    }

    private static int indexOf(CharSequence text, char c, int from) {
        if (text instanceof String s) {
            return s.indexOf(c, from);
        }
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** The next physical line, decoded on its own; null at the end of the file. */
    private Physical physical() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.pop();
        }
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                if (end || !fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int stop = newline < 0 ? limit : newline;
            int count = stop - position;
            if (!tooLong) {
                if (length + count > MAX_LINE_BYTES) {
                    tooLong = true;
                }
                else {
                    if (line.length < length + count) {
                        line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
                    }
                    System.arraycopy(buffer, position, line, length, count);
                    length += count;
                }
            }
            position = stop;
            if (newline >= 0) {
                position++;
                break;
            }
        }
        long number = ++lineNumber;
        if (tooLong) {
            return new Physical(number, null, "the line is longer than " + MAX_LINE_BYTES + " bytes; not read");
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int start = 0;
        if (number == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
            start = 3; // the byte-order mark spreadsheets write
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, start, length - start));
            return new Physical(number, chars.toString(), null);
        }
        catch (CharacterCodingException ex) {
            return new Physical(number, null, "not UTF-8: malformed bytes on this line (byte " + (malformedAt(start, length) + 1)
                    + " of the line); the line was not read");
        }
    }

    /** Where the first malformed byte sits, for the reject reason (the bytes themselves are never shown). */
    private int malformedAt(int start, int length) {
        ByteBuffer bytes = ByteBuffer.wrap(line, start, length - start);
        CharBuffer out = CharBuffer.allocate(length);
        decoder.reset().decode(bytes, out, true);
        return bytes.position() - start;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            end = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
