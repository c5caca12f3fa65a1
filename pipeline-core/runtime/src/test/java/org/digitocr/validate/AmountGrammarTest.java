package org.digitocr.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountGrammarTest {
    @ParameterizedTest(name = "{0} -> {1}, well-formed {2}")
    @CsvSource(delimiter = '|', value = {
        "1,10,000|110000|true",
        "22 55 000|2255000|true",
        "5,10,00,000|51000000|true",
        "88,00,000|8800000|true",
        "110,000|110000|true",
        "1,250,000|1250000|true",
        "1,250.50|1250.50|true",
        "6520000|6520000|true",
        "1250.5|12505|false",
        "7000.0|70000|false",
        "999|999|true",
        "88.00,000|8800000|false",
        "1,0000|10000|false",
        "12,34,5|12345|false",
        "123,45,000|12345000|false",
        "1,,000|1000|false",
        ",1000|1000|false",
        "1,000.|1000|false",
        "10.000.000|10000000|true",
    })
    void readsGroupedAmounts(String written, String value, boolean wellFormed) {
        AmountGrammar.Reading r = AmountGrammar.read(written);
        assertEquals(value, r.value());
        assertEquals(wellFormed, r.wellFormed(), String.valueOf(r.doubt()));
    }
}
