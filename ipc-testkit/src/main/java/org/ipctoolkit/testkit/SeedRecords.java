package org.ipctoolkit.testkit;

/**
 * The record of the source documents ("Delphi shared memory"), as the tests write, read and compare it,
 * and other records several modules' tests share, as Delphi declarations (this module does not depend
 * on ipc-delphi: a test parses them with {@code DelphiRecord.parse}).
 */
public final class SeedRecords {
    /** The Delphi declaration of {@code TShareMem}, as pasted from the source. */
    public static final String TSHAREMEM_DECLARATION =
            "TShareMem = record id: string[10]; name: string[20]; age: Integer; end;";

    /** The 36 bytes of {@code TShareMem} holding id 8888, name Terry, age 25, as a Delphi program writes them. */
    public static final String TSHAREMEM_HEX = "04" + "38383838" + "00".repeat(6) // id: string[10] = '8888'
            + "05" + "5465727279" + "00".repeat(15)                                 // name: string[20] = 'Terry'
            + "19000000";                                                           // age: Integer = 25

    /**
     * {@code TAll}: one field of every scalar type, in an order that needs padding under {@code {$A8}}
     * (80 bytes); the same record as ipc-delphi's tests build field by field.
     */
    public static final String TALL_DECLARATION = "TAll = record"
            + " s: string[5]; ac: AnsiChar; wc: WideChar;"
            + " aa: array[0..4] of AnsiChar; wa: array[0..2] of WideChar; ba: array[0..2] of Byte;"
            + " b: Byte; si: ShortInt; w: Word; sm: SmallInt; i: Integer; c: Cardinal;"
            + " i64: Int64; u64: UInt64; f: Single; d: Double; bool: Boolean;"
            + " end;";

    private SeedRecords() {
    }
}
