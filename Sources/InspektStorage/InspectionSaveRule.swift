/// How saving an inspection that is already stored merges with the stored row, the same on every engine
/// (SQLite and PostgreSQL read this clause alike): a stale copy never forgets a stored session, never moves
/// an inspection back from accepted or from a result, and never changes the kiosk that captured it.
public enum InspectionSaveRule {
    public static let onConflict = """
        ON CONFLICT (id) DO UPDATE SET
            case_id = excluded.case_id, vehicle = excluded.vehicle, vehicle_type = excluded.vehicle_type,
            agent_id = excluded.agent_id, agent_name = excluded.agent_name, email = excluded.email,
            notes = excluded.notes,
            state = CASE
                WHEN inspections.state IN ('available', 'rejected') THEN inspections.state
                WHEN inspections.state = 'processing' AND excluded.state NOT IN ('available', 'rejected')
                    THEN inspections.state
                ELSE excluded.state END,
            session = COALESCE(excluded.session, inspections.session),
            missing_reason = excluded.missing_reason, failure_reason = excluded.failure_reason,
            result_summary = COALESCE(excluded.result_summary, inspections.result_summary),
            upload_fraction = excluded.upload_fraction,
            created_at = excluded.created_at, updated_at = excluded.updated_at, search_key = excluded.search_key,
            kiosk = COALESCE(inspections.kiosk, excluded.kiosk)
        """
}
