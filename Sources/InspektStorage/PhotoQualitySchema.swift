/// The migration that keeps Q Score's figures with each inspection's photos (API.md §6), on both engines.
public enum PhotoQualitySchema {
    /// The PostgreSQL migration: the same table.
    public static let postgres = table(
        text: "text", real: "double precision", references: "inspections(id) ON DELETE CASCADE")

    public static func table(text: String, real: String, references: String) -> String {
        """
        CREATE TABLE photo_quality (
            inspection_id \(text) NOT NULL REFERENCES \(references),
            position integer NOT NULL,
            slot \(text) NOT NULL,
            path \(text) NOT NULL,
            sha256 \(text) NOT NULL,
            q_score \(real),
            orientation \(text),
            blur \(real),
            luma \(real),
            angle \(text),
            zoom \(text),
            resolution \(text),
            checked_at \(real) NOT NULL,
            PRIMARY KEY (inspection_id, position)
        );
        """
    }
}
