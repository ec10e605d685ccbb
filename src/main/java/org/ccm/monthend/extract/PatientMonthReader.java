package org.ccm.monthend.extract;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.sql.DataSource;

import org.ccm.monthend.billing.Attestation;
import org.ccm.monthend.billing.Condition;
import org.ccm.monthend.billing.Enrollment;
import org.ccm.monthend.billing.InTheMonth;
import org.ccm.monthend.billing.InpatientStay;
import org.ccm.monthend.billing.OtherService;
import org.ccm.monthend.billing.Patient;
import org.ccm.monthend.billing.PatientMonth;
import org.ccm.monthend.billing.Practitioner;
import org.ccm.monthend.billing.TimeEntry;
import org.ccm.monthend.core.Dialect;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams a month as patient-months: every patient enrolled in the month or with time in it, in
 * patient_id order, each with its facts. It merges one sorted cursor per table (a merge join on
 * patient_id), so memory holds a few batches of patients whatever the month's size. A close reads one
 * {@link PatientRange} per reader, side by side.
 *
 * <p>Restart: the checkpoint is the last patient handed out when a chunk committed; a restart opens every
 * cursor after that patient, so no row is read twice and nothing before it is re-read.
 */
public class PatientMonthReader implements ItemStreamReader<PatientMonth> {

    /** The checkpoint in the step's execution context: the last patient of the last committed chunk. */
    public static final String LAST_PATIENT_KEY = "patientMonthReader.lastPatientId";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final YearMonth month;
    private final int revision;
    private final PatientRange range;

    private final List<SortedCursor<?>> cursors = new ArrayList<>();
    private SortedCursor<PatientRow> patients;
    private SortedCursor<TimeEntry> entries;
    private SortedCursor<Enrollment> enrollments;
    private SortedCursor<Condition> conditions;
    private SortedCursor<Attestation> attestations;
    private SortedCursor<InpatientStay> stays;
    private SortedCursor<OtherService> otherServices;
    private SortedCursor<EarlierClaim> billedElsewhereByUs;
    private String lastPatientId = "";
    private final boolean groupedEntries;

    private static final Object END = new Object();
    /**
     * Patient-months travel from the prefetch thread to the step in batches of this many: one hand-over (a lock,
     * perhaps a wake-up) per batch instead of per patient-month.
     */
    private static final int BATCH = 64;
    /** Batches assembled ahead of the step: bounded, so memory stays about a chunk whatever the month. */
    private final BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(16);
    private List<PatientMonth> batch = List.of();
    private int nextInBatch;
    private volatile boolean stopping;
    private Thread prefetch;

    /** @param revision the close revision being run: claims of the other revisions of this month make ALREADY_BILLED */
    public PatientMonthReader(DataSource dataSource, Dialect dialect, YearMonth month, int revision, boolean groupedEntries) {
        this(dataSource, dialect, month, revision, PatientRange.ALL, groupedEntries);
    }

    /**
     * A reader of the patients of {@code range} only (one partition of a close).
     *
     * @param groupedEntries on MySQL, read each patient's entries as one GROUP_CONCAT row (ccm.close.grouped-entries)
     */
    public PatientMonthReader(DataSource dataSource, Dialect dialect, YearMonth month, int revision, PatientRange range,
            boolean groupedEntries) {
        this.dataSource = dataSource;
        this.groupedEntries = groupedEntries;
        this.dialect = dialect;
        this.month = month;
        this.revision = revision;
        this.range = range;
    }

    @Override
    public void open(ExecutionContext context) {
        lastPatientId = context.containsKey(LAST_PATIENT_KEY) ? context.getString(LAST_PATIENT_KEY) : range.after();
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        Timestamp from = Timestamp.valueOf(first.atStartOfDay());
        Timestamp to = Timestamp.valueOf(month.plusMonths(1).atDay(1).atStartOfDay());
        Date firstDay = Date.valueOf(first);
        Date lastDay = Date.valueOf(last);
        String after = lastPatientId;
        // every query reads the patients of the range after the checkpoint: "patient_id > ?" and, but for the last
        // range, "AND patient_id <= ?" (its parameters follow in that order)
        String inRange = range.upTo() == null ? "patient_id > ?" : "patient_id > ? AND patient_id <= ?";
        List<Object> bounds = range.upTo() == null ? List.of(after) : List.of(after, range.upTo());
        try {
            boolean mysql = dialect == Dialect.MYSQL;
            Map<String, Practitioner> members = members();
            // every patient after the checkpoint, in key order: which of them belong to the month is decided in
            // Java from the enrollment and entry cursors (a correlated EXISTS here lets the optimizer switch to
            // materialising the whole month part-way through a run, and makes a restart as slow to open as a run)
            patients = open(mysql, """
                    SELECT patient_id, mbi, billing_practitioner_id, consent_date, consent_method,
                           initiating_visit_date, care_plan_date, place_of_service
                      FROM patient
                     WHERE %s
                     ORDER BY patient_id""".formatted(inRange), params(bounds), rs -> patientRow(rs, members));
            if (mysql && groupedEntries) {
                // issue 15: the server assembles each patient's entries into one row (a JSON array of arrays, every
                // value as text: exact minutes, the full time), walking the clustered key in its own order, so the
                // driver decodes one row of three columns per patient instead of seven columns per entry
                SortedCursor<TimeEntry> grouped = new SortedCursor<>(dataSource, true, "SET SESSION group_concat_max_len = 1073741824", """
                        SELECT patient_id, COUNT(*),
                               GROUP_CONCAT(JSON_ARRAY(entry_id, member_id, CAST(performed_at AS CHAR), CAST(minutes AS CHAR),
                                                       activity, program) ORDER BY entry_id SEPARATOR ',')
                          FROM time_entry
                         WHERE %s AND performed_at >= ? AND performed_at < ?
                         GROUP BY patient_id
                         ORDER BY patient_id""".formatted(inRange), params(bounds, from, to),
                        (rs, into) -> GroupedEntries.parse(rs.getString(3), rs.getInt(2), members, into));
                cursors.add(grouped);
                entries = grouped;
            }
            else {
                // the table is clustered on (patient_id, entry_id): this is a range scan in its own order, no sort
                // the values as the columns hold them: sending the time as microseconds since the month began and the
                // minutes as hundredths (issue 15's lever (b)) cost the server 6 s more to compute at 1M patients than
                // the driver saved decoding (docs/performance.md)
                entries = open(mysql, """
                        SELECT patient_id, entry_id, member_id, performed_at, minutes, activity, program
                          FROM time_entry
                         WHERE %s AND performed_at >= ? AND performed_at < ?
                         ORDER BY patient_id, entry_id""".formatted(inRange), params(bounds, from, to),
                        rs -> {
                            String memberId = rs.getString(3);
                            Practitioner member = members.get(memberId);
                            return new TimeEntry(rs.getString(2), memberId, member == null ? null : member.credential(),
                                    rs.getObject(4, LocalDateTime.class), rs.getBigDecimal(5), rs.getString(6), rs.getString(7));
                        });
            }
            // the enrollments that overlap the month and the conditions the rules can use (chronic and active in the
            // month): the rules' own tests (InTheMonth), so the others are not sent and decoded
            Object[] inTheMonth = InTheMonth.parameters(month).stream().map(Date::valueOf).toArray();
            enrollments = open(mysql, """
                    SELECT patient_id, enrolled_from, enrolled_to FROM enrollment
                     WHERE %s AND %s
                     ORDER BY patient_id, enrolled_from""".formatted(inRange, InTheMonth.ENROLLMENT_OVERLAPS),
                    params(bounds, inTheMonth),
                    rs -> new Enrollment(day(rs, 2), day(rs, 3)));
            conditions = open(mysql, """
                    SELECT patient_id, icd10, chronic, onset_date, resolved_date FROM condition_record
                     WHERE %s AND %s
                     ORDER BY patient_id, icd10""".formatted(inRange, InTheMonth.CHRONIC_CONDITION_ACTIVE),
                    params(bounds, inTheMonth),
                    rs -> new Condition(rs.getString(2), rs.getBoolean(3), day(rs, 4), day(rs, 5)));
            attestations = open(mysql, """
                    SELECT patient_id, mdm, care_plan_change FROM attestation
                     WHERE %s AND service_month = ?
                     ORDER BY patient_id""".formatted(inRange), params(bounds, month.toString()),
                    rs -> new Attestation(rs.getString(2), rs.getString(3)));
            stays = open(mysql, """
                    SELECT patient_id, admit_date, discharge_date FROM inpatient_stay
                     WHERE %s AND admit_date <= ? AND (discharge_date IS NULL OR discharge_date >= ?)
                     ORDER BY patient_id, admit_date""".formatted(inRange), params(bounds, lastDay, firstDay),
                    rs -> new InpatientStay(day(rs, 2), day(rs, 3)));
            otherServices = open(mysql, """
                    SELECT patient_id, service_date, cpt, billing_npi FROM other_service
                     WHERE %s AND service_date >= ? AND service_date <= ?
                     ORDER BY patient_id, service_date, cpt, billing_npi""".formatted(inRange), params(bounds, firstDay, lastDay),
                    rs -> new OtherService(day(rs, 2), rs.getString(3), rs.getString(4)));
            // every claim other revisions exported for the month, with whether the payer accepted its void: those no
            // longer count as billed (ccm-rules.md, ALREADY_BILLED), and how many there are names the next claim
            billedElsewhereByUs = open(mysql, """
                    SELECT patient_id, claim_id, void_accepted_remittance_id FROM claim
                     WHERE %s AND service_month = ? AND revision <> ?
                     ORDER BY patient_id""".formatted(inRange), params(bounds, month.toString(), revision),
                    rs -> {
                        String claimId = rs.getString(2);
                        rs.getLong(3);
                        return new EarlierClaim(claimId, !rs.wasNull());
                    });
        }
        catch (SQLException ex) {
            close();
            throw new ItemStreamException("cannot open the month's cursors for " + month, ex);
        }
        prefetch = new Thread(this::prefetch, "ccm-month-reader");
        prefetch.setDaemon(true);
        prefetch.start();
    }

    /**
     * Hands out the patient-months the prefetch thread assembled, in patient order. The checkpoint is
     * the last patient handed to the step, never one only prefetched.
     */
    @Override
    @SuppressWarnings("unchecked")
    public PatientMonth read() throws Exception {
        if (nextInBatch == batch.size()) {
            Object next = ahead.take();
            if (next == END) {
                ahead.put(END); // a read after the end is still the end
                return null;
            }
            if (next instanceof Failure failure) {
                ahead.put(failure);
                throw failure.cause;
            }
            batch = (List<PatientMonth>) next;
            nextInBatch = 0;
        }
        PatientMonth patientMonth = batch.get(nextInBatch++);
        lastPatientId = patientMonth.patientId();
        return patientMonth;
    }

    /**
     * Reading and decoding the database's rows runs on its own thread, ahead of the step's thread that
     * decides and writes: on two cores the two overlap instead of taking turns.
     */
    private void prefetch() {
        try {
            List<PatientMonth> assembled = new ArrayList<>(BATCH);
            for (PatientMonth next = assemble(); next != null && !stopping; next = assemble()) {
                assembled.add(next);
                if (assembled.size() == BATCH) {
                    ahead.put(assembled);
                    assembled = new ArrayList<>(BATCH);
                }
            }
            if (!assembled.isEmpty()) {
                ahead.put(assembled);
            }
            ahead.put(END);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            try {
                ahead.put(new Failure(ex));
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next patient enrolled in the month or with time in it, with all its facts; null at the end. */
    private PatientMonth assemble() throws SQLException {
        while (true) {
            String patientId = patients.peekKey();
            if (patientId == null) {
                return null;
            }
            PatientRow row = patients.take(patientId).get(0);
            List<Enrollment> enrolled = enrollments.take(patientId);
            List<TimeEntry> timeEntries = entries.take(patientId);
            if (enrolled.isEmpty() && timeEntries.isEmpty()) {
                continue; // not part of this month; the other cursors skip its rows on the next take
            }
            List<Attestation> attested = attestations.take(patientId);
            String billed = null;
            int voided = 0;
            for (EarlierClaim earlier : billedElsewhereByUs.take(patientId)) {
                if (earlier.voidAccepted()) {
                    voided++;
                }
                else if (billed == null) {
                    billed = earlier.claimId();
                }
            }
            return new PatientMonth(month, row.patient(), row.practitioner(), enrolled, conditions.take(patientId),
                    attested.isEmpty() ? null : attested.get(0), stays.take(patientId), otherServices.take(patientId),
                    timeEntries, billed, voided, revision);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putString(LAST_PATIENT_KEY, lastPatientId);
    }

    @Override
    public void close() {
        Thread reader = prefetch;
        prefetch = null;
        if (reader != null) {
            stopping = true;
            reader.interrupt();
            try {
                reader.join(30_000); // it finishes the row it is on; then its cursors can be closed
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        for (SortedCursor<?> cursor : cursors) {
            try {
                cursor.close();
            }
            catch (SQLException ex) {
                // closing a cursor we no longer need: nothing to recover, the connection is discarded by the pool
            }
        }
        cursors.clear();
    }

    private static List<Object> params(List<Object> bounds, Object... more) {
        List<Object> params = new ArrayList<>(bounds);
        params.addAll(List.of(more));
        return params;
    }

    private <T> SortedCursor<T> open(boolean mysql, String sql, List<Object> parameters, SortedCursor.RowMapper<T> mapper) throws SQLException {
        SortedCursor<T> cursor = new SortedCursor<>(dataSource, mysql, sql, parameters, mapper);
        cursors.add(cursor);
        return cursor;
    }

    /** The care team, member by member: small (one practitioner per hundreds of patients), read once. */
    private Map<String, Practitioner> members() throws SQLException {
        Map<String, Practitioner> members = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT member_id, credential, npi FROM care_team_member")) {
            while (rs.next()) {
                members.put(rs.getString(1), new Practitioner(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return members;
    }

    private static PatientRow patientRow(ResultSet rs, Map<String, Practitioner> members) throws SQLException {
        Patient patient = new Patient(rs.getString(1), rs.getString(2), rs.getString(3), day(rs, 4), rs.getString(5),
                day(rs, 6), day(rs, 7), rs.getString(8));
        String practitionerId = patient.billingPractitionerId();
        return new PatientRow(patient, practitionerId == null ? null : members.get(practitionerId));
    }

    /** By index: by name, Connector/J looks the column up for every row. */
    private static LocalDate day(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private record PatientRow(Patient patient, Practitioner practitioner) {
    }

    private record Failure(Exception cause) {
    }

    /** A claim another revision exported for the patient-month, and whether the payer accepted its void. */
    private record EarlierClaim(String claimId, boolean voidAccepted) {
    }
}
