package org.ipctoolkit.delphi;

/**
 * Thrown when bytes read from shared memory cannot be a valid value of the field they belong to,
 * for example a ShortString whose length byte is larger than the field's capacity.
 *
 * <p>It usually means that the writer uses a different record layout (another declaration, another
 * alignment setting) or that the memory was never initialised as this record.
 */
public class CorruptRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The record type's name. */
    private final String recordName;
    /** The name of the field with invalid data. */
    private final String fieldName;
    /** The field's offset within the record. */
    private final int offset;

    /**
     * Creates the exception.
     *
     * @param recordName the record type's name
     * @param fieldName the field whose data is invalid
     * @param offset the field's offset within the record
     * @param problem what is wrong with the data, including the bad value
     */
    CorruptRecordException(String recordName, String fieldName, int offset, String problem) {
        super("corrupt record " + recordName + ": field " + fieldName + " at offset " + offset + ": " + problem);
        this.recordName = recordName;
        this.fieldName = fieldName;
        this.offset = offset;
    }

    /**
     * Returns the name of the record type whose data is corrupt.
     *
     * @return the record name, e.g. {@code TShareMem}
     */
    public String recordName() {
        return recordName;
    }

    /**
     * Returns the name of the field whose data is invalid.
     *
     * @return the field name as declared
     */
    public String fieldName() {
        return fieldName;
    }

    /**
     * Returns the offset of the invalid field within the record.
     *
     * @return the byte offset of the field
     */
    public int offset() {
        return offset;
    }
}
