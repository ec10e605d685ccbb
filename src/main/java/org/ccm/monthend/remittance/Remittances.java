package org.ccm.monthend.remittance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Read-only: the posted remittances, newest first, and what each answer said about a claim. */
@Component
public class Remittances {

    private static final String COLUMNS = "remittance_id, payer_id, trace_number, trace_originator, payer_name, payment_amount,"
            + " payment_method, payment_date, claims, unmatched, file_sha256, file_path, posted_at, posted_by";

    private final JdbcTemplate jdbc;

    Remittances(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the posted remittances, newest first. */
    public List<Remittance> list(int offset, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM remittance ORDER BY remittance_id DESC LIMIT ? OFFSET ?",
                (rs, row) -> remittance(rs), limit, offset);
    }

    public int count() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM remittance", Integer.class);
        return n == null ? 0 : n;
    }

    public Optional<Remittance> byId(long remittanceId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM remittance WHERE remittance_id = ?", (rs, row) -> remittance(rs), remittanceId)
                .stream().findFirst();
    }

    /** The answers posted for a claim, oldest first, with their lines, adjustments and remarks. */
    public List<PostedClaim> forClaim(String claimId) {
        Map<String, List<Adjustment>> adjustments = new HashMap<>();
        jdbc.query("""
                SELECT a.remittance_id, a.claim_seq, a.line_seq, a.group_code, a.reason_code, a.amount, a.quantity
                  FROM remittance_adjustment a JOIN remittance_claim c ON c.remittance_id = a.remittance_id AND c.claim_seq = a.claim_seq
                 WHERE c.claim_id = ? ORDER BY a.remittance_id, a.claim_seq, a.line_seq, a.adjustment_seq""", rs -> {
            adjustments.computeIfAbsent(key(rs.getLong(1), rs.getInt(2), rs.getInt(3)), k -> new ArrayList<>())
                    .add(new Adjustment(rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7)));
        }, claimId);
        Map<String, List<String>> remarks = new HashMap<>();
        jdbc.query("""
                SELECT r.remittance_id, r.claim_seq, r.line_seq, r.code
                  FROM remittance_remark r JOIN remittance_claim c ON c.remittance_id = r.remittance_id AND c.claim_seq = r.claim_seq
                 WHERE c.claim_id = ? ORDER BY r.remittance_id, r.claim_seq, r.line_seq, r.remark_seq""", rs -> {
            remarks.computeIfAbsent(key(rs.getLong(1), rs.getInt(2), rs.getInt(3)), k -> new ArrayList<>()).add(rs.getString(4));
        }, claimId);
        Map<String, List<PostedClaim.PostedLine>> lines = new LinkedHashMap<>();
        // through the answers' index on claim_id and the lines' primary key (remittance_line has no index of its own on
        // claim_id: filtering it by claim_id read all 1.1M lines of the 1M month on every claim page)
        jdbc.query("""
                SELECT l.remittance_id, l.claim_seq, l.line_seq, l.claim_line, l.cpt, l.units, l.charge_amount, l.paid_amount,
                       l.allowed_amount
                  FROM remittance_claim c JOIN remittance_line l ON l.remittance_id = c.remittance_id AND l.claim_seq = c.claim_seq
                 WHERE c.claim_id = ? ORDER BY l.remittance_id, l.claim_seq, l.line_seq""", rs -> {
            String k = key(rs.getLong(1), rs.getInt(2), rs.getInt(3));
            lines.computeIfAbsent(key(rs.getLong(1), rs.getInt(2), 0), x -> new ArrayList<>()).add(new PostedClaim.PostedLine(rs.getInt(3),
                    rs.getInt(4), rs.getString(5), rs.getInt(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                    adjustments.getOrDefault(k, List.of()), remarks.getOrDefault(k, List.of())));
        }, claimId);
        return jdbc.query("""
                SELECT c.remittance_id, r.payer_id, r.trace_number, r.posted_at, c.claim_seq, c.claim_id, c.claim_status_code,
                       c.charge_amount, c.paid_amount, c.patient_responsibility, c.payer_claim_number, c.result_status, c.duplicate_payment
                  FROM remittance_claim c JOIN remittance r ON r.remittance_id = c.remittance_id
                 WHERE c.claim_id = ? ORDER BY c.remittance_id, c.claim_seq""", (rs, row) -> {
            String k = key(rs.getLong("remittance_id"), rs.getInt("claim_seq"), 0);
            return new PostedClaim(rs.getLong("remittance_id"), rs.getString("payer_id") + "-" + rs.getString("trace_number"),
                    rs.getObject("posted_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("claim_id"),
                    rs.getString("claim_status_code"), rs.getBigDecimal("charge_amount"), rs.getBigDecimal("paid_amount"),
                    rs.getBigDecimal("patient_responsibility"), rs.getString("payer_claim_number"), rs.getString("result_status"),
                    rs.getBoolean("duplicate_payment"), adjustments.getOrDefault(k, List.of()), remarks.getOrDefault(k, List.of()),
                    lines.getOrDefault(k, List.of()));
        }, claimId);
    }

    private static String key(long remittanceId, int claimSeq, int lineSeq) {
        return remittanceId + "/" + claimSeq + "/" + lineSeq;
    }

    private static Remittance remittance(ResultSet rs) throws SQLException {
        return new Remittance(rs.getLong("remittance_id"), rs.getString("payer_id"), rs.getString("trace_number"),
                rs.getString("trace_originator"), rs.getString("payer_name"), rs.getBigDecimal("payment_amount"),
                rs.getString("payment_method"), rs.getObject("payment_date", LocalDate.class), rs.getInt("claims"), rs.getInt("unmatched"),
                rs.getString("file_sha256"), rs.getString("file_path"),
                rs.getObject("posted_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("posted_by"));
    }
}
