package dev.sieve.compile.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatTest {
    private static void assertRejected(String text, String... fragments) {
        var e = assertThrows(IllegalArgumentException.class, () -> Format.parse(text), text);
        assertTrue(e.getMessage().startsWith("format \"" + text + "\": "), e.getMessage());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "expected \"" + f + "\" in: " + e.getMessage());
    }

    @Test
    void levelLettersRoundTrip() {
        for (LevelType t : LevelType.values()) assertEquals(t, LevelType.of(t.letter()));
        assertEquals("dsuq", Arrays.stream(LevelType.values()).map(t -> String.valueOf(t.letter())).reduce("", String::concat));
        assertTrue(LevelType.DENSE.isDense());
        assertFalse(LevelType.COMPRESSED.isDense());
        assertFalse(LevelType.SINGLETON.isDense());
        var e = assertThrows(IllegalArgumentException.class, () -> LevelType.of('x'));
        assertEquals("'x' is not a level letter; valid letters are d (dense), s (compressed), u (compressed non-unique), "
                + "q (singleton)", e.getMessage());
    }

    @Test
    void parseAndToStringRoundTrip() {
        for (String s : List.of("", "d", "s", "dd", "ds", "sd", "ss", "uq", "ds:1,0", "sd:1,0", "uq:1,0", "dss", "sss:2,0,1",
                "uqq", "uqs", "uqd", "suq", "duq:2,1,0", "dsd:1,2,0", "dddd", "uquq", "uqqq:3,1,0,2")) {
            Format f = Format.parse(s);
            assertEquals(s, f.toString());
            assertEquals(f, Format.parse(f.toString()));
            assertEquals(s.indexOf(':') < 0 ? s.length() : s.indexOf(':'), f.rank());
        }
        // The identity order is not printed, and white space is tolerated.
        assertEquals("ds", Format.parse("ds:0,1").toString());
        assertEquals(Format.parse("sss:2,0,1"), Format.parse("  sss:2, 0 ,1 "));
    }

    @Test
    void namedFormats() {
        assertEquals(Format.csr(), Format.parse("csr"));
        assertEquals(Format.csc(), Format.parse("csc"));
        assertEquals(Format.coo(2), Format.parse("coo"));
        assertEquals(Format.dcsr(), Format.parse("dcsr"));
        assertEquals(Format.csf(3), Format.parse("csf"));
        assertEquals("ds", Format.csr().toString());
        assertEquals("ds:1,0", Format.csc().toString());
        assertEquals("uq", Format.coo(2).toString());
        assertEquals("uqq", Format.coo(3).toString());
        assertEquals("s", Format.coo(1).toString());
        assertEquals("ss", Format.dcsr().toString());
        assertEquals("ssss", Format.csf(4).toString());
        assertEquals("ddd", Format.dense(3).toString());
        assertEquals("", Format.dense(0).toString());
        assertEquals(0, Format.parse("").rank());
        assertThrows(IllegalArgumentException.class, () -> Format.coo(0));
        assertThrows(IllegalArgumentException.class, () -> Format.dense(-1));
    }

    @Test
    void names() {
        assertEquals("csr", Format.csr().name());
        assertEquals("csc", Format.csc().name());
        assertEquals("coo", Format.coo(2).name());
        assertEquals("coo", Format.coo(3).name());
        assertEquals("dcsr", Format.dcsr().name());
        assertEquals("csf", Format.csf(3).name());
        assertEquals("dense", Format.dense(2).name());
        assertEquals("dense", Format.dense(1).name());
        assertEquals("s", Format.parse("s").name());
        assertEquals("sd", Format.parse("sd").name());
        assertEquals("ss:1,0", Format.parse("ss:1,0").name());
        assertEquals("", Format.dense(0).name());
    }

    @Test
    void queries() {
        Format f = Format.parse("sds:2,0,1");
        assertEquals(3, f.rank());
        assertEquals(LevelType.COMPRESSED, f.level(0));
        assertEquals(LevelType.DENSE, f.level(1));
        assertEquals(2, f.mode(0));
        assertEquals(0, f.mode(1));
        assertEquals(1, f.mode(2));
        assertEquals(0, f.levelOfMode(2));
        assertEquals(1, f.levelOfMode(0));
        assertEquals(2, f.levelOfMode(1));
        assertThrows(IllegalArgumentException.class, () -> f.levelOfMode(3));
        assertFalse(f.isAllDense());
        assertFalse(f.isIdentityOrder());
        assertTrue(Format.dense(2).isAllDense());
        assertTrue(Format.dense(0).isAllDense());
        assertEquals(3, Format.parse("duqq").endOfCooRun(1));
        assertEquals(2, Format.parse("uqqs").endOfCooRun(0));
    }

    @Test
    void isAValueWithDefensiveCopies() {
        int[] order = {1, 0};
        Format f = new Format(List.of(LevelType.DENSE, LevelType.COMPRESSED), order);
        order[0] = 0;
        assertEquals(Format.csc(), f);
        assertEquals(Format.csc().hashCode(), f.hashCode());
        f.modeOrder()[0] = 0;
        assertArrayEquals(new int[] {1, 0}, f.modeOrder());
        assertNotEquals(Format.csr(), Format.csc());
        assertThrows(UnsupportedOperationException.class, () -> f.levels().set(0, LevelType.COMPRESSED));
        assertEquals(Format.csr(), new Format(List.of(LevelType.DENSE, LevelType.COMPRESSED)));
    }

    @Test
    void constructorRejectsBadOrdersAndLevelSequences() {
        var d = LevelType.DENSE;
        var e = assertThrows(IllegalArgumentException.class, () -> new Format(List.of(d, d), new int[] {0}));
        assertEquals("mode order [0] has 1 entries for 2 levels", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Format(Arrays.asList(d, null), new int[] {0, 1}));
        assertEquals("level 1 is null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Format(List.of(d, d), new int[] {1, 1}));
        assertTrue(e.getMessage().contains("mode 1 appears twice"), e.getMessage());
    }

    @Test
    void parseErrors() {
        assertRejected("dx", "character 1: 'x' is not a level letter", "valid letters are d (dense)");
        assertRejected("x", "character 0: 'x' is not a level letter");
        assertRejected("dense", "neither a named format (csr, csc, coo, dcsr, csf) nor level letters", "character 1: 'e'");
        assertRejected("DS", "character 0: 'D' is not a level letter");
        assertRejected("ds:1", "mode order \"1\" has 1 entries for 2 level letters");
        assertRejected("ds:1,0,2", "has 3 entries for 2 level letters");
        assertRejected("ds:1,1", "mode 1 appears twice");
        assertRejected("ds:0,2", "entry 1 is 2, outside 0..1");
        assertRejected("ds:a,0", "mode order entry 0 (\"a\") is not a mode number");
        assertRejected("ds:-1,0", "is not a mode number");
        assertRejected("ds:1,", "mode order entry 1 (\"\") is not a mode number");
        assertRejected("ds:99999999999,0", "is not a mode number");
        assertRejected("ds:", "nothing after ':'");
        assertRejected("ds:1:0", "more than one ':'");
        assertRejected(":", "nothing after ':'");
        assertRejected("q", "level 0 is singleton (q) with no level above it");
        assertRejected("dq", "level 1 is singleton (q) but follows dense (d)");
        assertRejected("sq", "level 1 is singleton (q) but follows compressed (s)");
        assertRejected("u", "level 0 is compressed non-unique (u) and the last level", "duplicate coordinates");
        assertRejected("duqu", "level 3 is compressed non-unique (u) and the last level");
        assertRejected("us", "level 0 is compressed non-unique (u) but is followed by compressed (s)");
        assertRejected("uu", "followed by compressed non-unique (u)");
        assertRejected("ud:1,0", "followed by dense (d)");
        assertThrows(NullPointerException.class, () -> Format.parse(null));
    }
}
