package org.ipctoolkit.testkit;

/**
 * The record of the source documents ("Delphi shared memory"), as the tests write, read and compare it.
 */
public final class SeedRecords {
    /** The Delphi declaration of {@code TShareMem}, as pasted from the source. */
    public static final String TSHAREMEM_DECLARATION =
            "TShareMem = record id: string[10]; name: string[20]; age: Integer; end;";

    /** The 36 bytes of {@code TShareMem} holding id 8888, name Terry, age 25, as a Delphi program writes them. */
    public static final String TSHAREMEM_HEX = "04" + "38383838" + "00".repeat(6) // id: string[10] = '8888'
            + "05" + "5465727279" + "00".repeat(15)                                 // name: string[20] = 'Terry'
            + "19000000";                                                           // age: Integer = 25

    private SeedRecords() {
    }
}
