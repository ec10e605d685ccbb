package org.ccm.monthend.submission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.submission.Claim837.Envelope;
import org.ccm.monthend.submission.Claim837.Parties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * config/submission.yml: the submitter, receiver and payer of the 837P interchanges and the envelope ids. Every
 * problem is refused (exit 2) naming the file and the key; the usage indicator is T (a test file) unless the file
 * says P on purpose.
 */
public record SubmissionSettings(Envelope envelope, Parties parties) {

    /** Loads and checks {@code file}; all problems at once, each naming its key. */
    public static SubmissionSettings load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException ex) {
            throw new UsageException(file + " does not exist (setting ccm.submission.settings): the submitter, receiver and"
                    + " payer of the 837P interchanges are needed to submit");
        }
        catch (IOException ex) {
            throw new UsageException("cannot read " + file + ": " + ex.getMessage());
        }
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(text);
        }
        catch (YAMLException ex) {
            throw new UsageException(file + ": not valid YAML: " + ex.getMessage().lines().findFirst().orElse(""));
        }
        Reader reader = new Reader(file, document instanceof Map<?, ?> map ? map : Map.of());
        String usage = reader.text("usage", "[TP]", "T (test) or P (production)", "T");
        String submitterName = reader.text("submitter.name", ".{1,60}", "1 to 60 characters", null);
        String submitterId = reader.text("submitter.id", "[A-Za-z0-9]{2,80}", "2 to 80 letters or digits", null);
        String contactName = reader.text("submitter.contact-name", ".{1,60}", "1 to 60 characters", null);
        String contactPhone = reader.text("submitter.contact-phone", "[0-9]{10,15}", "10 to 15 digits", null);
        String receiverName = reader.text("receiver.name", ".{1,60}", "1 to 60 characters", null);
        String receiverId = reader.text("receiver.id", "[A-Za-z0-9]{2,80}", "2 to 80 letters or digits", null);
        String payerName = reader.text("payer.name", ".{1,60}", "1 to 60 characters", null);
        String payerId = reader.text("payer.id", "[A-Za-z0-9]{2,80}", "2 to 80 letters or digits", null);
        String senderQualifier = reader.text("interchange.sender-qualifier", "[A-Z0-9]{2}", "2 characters, e.g. ZZ", null);
        String senderId = reader.text("interchange.sender-id", "[A-Za-z0-9 ]{1,15}", "1 to 15 characters", null);
        String receiverQualifier = reader.text("interchange.receiver-qualifier", "[A-Z0-9]{2}", "2 characters, e.g. ZZ", null);
        String receiverIdIsa = reader.text("interchange.receiver-id", "[A-Za-z0-9 ]{1,15}", "1 to 15 characters", null);
        String applicationSender = reader.text("interchange.application-sender", "[A-Za-z0-9]{2,15}", "2 to 15 letters or digits",
                senderId);
        String applicationReceiver = reader.text("interchange.application-receiver", "[A-Za-z0-9]{2,15}",
                "2 to 15 letters or digits", receiverIdIsa);
        if (!reader.problems.isEmpty()) {
            throw new UsageException(file + ": " + String.join("; ", reader.problems));
        }
        return new SubmissionSettings(
                new Envelope(senderQualifier, senderId, receiverQualifier, receiverIdIsa, applicationSender, applicationReceiver,
                        usage.charAt(0)),
                new Parties(submitterName, submitterId, contactName, contactPhone, receiverName, receiverId, payerName, payerId));
    }

    /** Reads dotted keys of the document, collecting problems instead of stopping at the first. */
    private static final class Reader {

        private final Path file;
        private final Map<?, ?> document;
        private final List<String> problems = new ArrayList<>();

        Reader(Path file, Map<?, ?> document) {
            this.file = file;
            this.document = document;
        }

        String text(String key, String pattern, String expected, String fallback) {
            Object value = document;
            for (String part : key.split("\\.")) {
                value = value instanceof Map<?, ?> map ? map.get(part) : null;
            }
            if (value == null) {
                if (fallback == null) {
                    problems.add(key + " is missing");
                }
                return fallback;
            }
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                problems.add(key + " must be a value, got a " + (value instanceof Map<?, ?> ? "map" : "list"));
                return fallback;
            }
            String text = String.valueOf(value).strip();
            if (!text.matches(pattern)) {
                problems.add(key + " must be " + expected + ", got \"" + text + "\"");
            }
            return text;
        }
    }
}
