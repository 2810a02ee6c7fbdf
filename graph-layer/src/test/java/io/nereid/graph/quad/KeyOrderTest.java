package io.nereid.graph.quad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.dict.MapDictionary;
import io.nereid.graph.value.ValueCodec;
import io.nereid.kv.ByteKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

  private final ValueCodec values = new ValueCodec(new MapDictionary());
  private final Partitioner partitioner = new Partitioner(8);

  private final Quad label = Quad.label(300, 7);
  private final Quad name = Quad.vertexProperty(300, 2, values.encode("marko"), 308);
  private final Quad edge = Quad.edge(300, 9, 5001, 316);
  private final Quad weight = Quad.edgeProperty(316, 4, values.encode(0.5));
  private final Quad since = Quad.metaProperty(308, 11, values.encode(2010));
  private final List<Quad> all = List.of(label, name, edge, weight, since);

  @Test
  void everyOrderRoundTripsTheQuadsItHolds() {
    for (KeyOrder order : KeyOrder.values()) {
      for (Quad q : all) {
        if (order.holds(q)) {
          assertEquals(q, order.decode(order.key(q)), order + " " + q);
        } else {
          assertThrows(IllegalArgumentException.class, () -> order.key(q));
        }
      }
    }
  }

  @Test
  void whichOrdersHoldWhat() {
    assertTrue(KeyOrder.SPOG.holds(since) && KeyOrder.POGS.holds(since));
    assertTrue(KeyOrder.GPSO.holds(edge) && KeyOrder.GPSO.holds(name));
    assertFalse(
        KeyOrder.GPSO.holds(label) || KeyOrder.GPSO.holds(weight) || KeyOrder.GPSO.holds(since));
    assertTrue(KeyOrder.OSGP.holds(edge));
    assertFalse(KeyOrder.OSGP.holds(name) || KeyOrder.OSGP.holds(label));
  }

  /** The exact bytes: fields in each order's sequence, 0x01.. kind codes, varint ids . */
  @Test
  void byteLayoutOfEachOrder() {
    // 300 = f1 3c, 316 = f1 4c (two-byte varints), 5001 = f9 0a 99 (three bytes), 9 = 09.
    assertEquals("f13c" + "03" + "09" + "f90a99" + "f14c", ByteKeys.toHex(KeyOrder.SPOG.key(edge)));
    assertEquals("03" + "09" + "f90a99" + "f14c" + "f13c", ByteKeys.toHex(KeyOrder.POGS.key(edge)));
    assertEquals("f14c" + "03" + "09" + "f13c" + "f90a99", ByteKeys.toHex(KeyOrder.GPSO.key(edge)));
    assertEquals("f90a99" + "f13c" + "f14c" + "03" + "09", ByteKeys.toHex(KeyOrder.OSGP.key(edge)));
    assertEquals(
        "f13c010700",
        ByteKeys.toHex(KeyOrder.SPOG.key(label)),
        "label quads have no predicate term, G = 0");
    assertEquals("SKPOG", KeyOrder.SPOG.fieldSequence());
    assertEquals("OSGKP", KeyOrder.OSGP.fieldSequence());
  }

  @Test
  void partitionByObjectOnlyForOsgp() {
    assertEquals(partitioner.ofId(300), KeyOrder.SPOG.partitionOf(edge, partitioner));
    assertEquals(partitioner.ofId(300), KeyOrder.GPSO.partitionOf(edge, partitioner));
    assertEquals(partitioner.ofId(5001), KeyOrder.OSGP.partitionOf(edge, partitioner));
  }

  @Test
  void prefixesOfBoundLeadingFieldsArePrefixesOfTheKey() {
    List<QuadPattern> patterns =
        List.of(
            QuadPattern.any(),
            QuadPattern.subject(300),
            QuadPattern.subject(300).kind(QuadKind.EDGE),
            QuadPattern.subject(300).kind(QuadKind.EDGE).p(9),
            QuadPattern.subject(300).kind(QuadKind.EDGE).p(9).oId(5001),
            QuadPattern.subject(300).kind(QuadKind.EDGE).p(9).oId(5001).g(316));
    for (KeyOrder order : KeyOrder.values()) {
      byte[] key = order.key(edge);
      for (QuadPattern p : patterns) {
        assertTrue(ByteKeys.startsWith(key, order.prefix(p)), order + " prefix");
      }
    }
    // A pattern stops at its first unbound field in the order: POGS starts with K, so S alone gives
    // "".
    assertEquals(0, KeyOrder.POGS.prefix(QuadPattern.subject(300)).length);
    assertEquals(
        "03", ByteKeys.toHex(KeyOrder.POGS.prefix(QuadPattern.subject(300).kind(QuadKind.EDGE))));
  }

  @Test
  void aVertexSortsLabelThenPropertiesThenEdgesAndItsFactsAreContiguous() {
    List<byte[]> keys = new ArrayList<>();
    keys.add(KeyOrder.SPOG.key(edge));
    keys.add(KeyOrder.SPOG.key(name));
    keys.add(KeyOrder.SPOG.key(label));
    keys.add(KeyOrder.SPOG.key(Quad.label(301, 1)));
    keys.add(KeyOrder.SPOG.key(Quad.label(299, 1)));
    keys.sort(ByteKeys.ORDER);
    assertEquals(
        List.of(
                KeyOrder.SPOG.key(Quad.label(299, 1)),
                KeyOrder.SPOG.key(label),
                KeyOrder.SPOG.key(name),
                KeyOrder.SPOG.key(edge),
                KeyOrder.SPOG.key(Quad.label(301, 1)))
            .stream()
            .map(ByteKeys::toHex)
            .toList(),
        keys.stream().map(ByteKeys::toHex).toList());
  }

  @Test
  void badKeysAreRejected() {
    byte[] key = KeyOrder.SPOG.key(name);
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyOrder.SPOG.decode(ByteKeys.concat(key, new byte[] {1})));
    byte[] badKind = key.clone();
    badKind[2] = 0x7f;
    assertThrows(IllegalArgumentException.class, () -> KeyOrder.SPOG.decode(badKind));
    byte[] one = values.encode(1);
    assertThrows(
        IllegalArgumentException.class,
        () -> Quad.vertexProperty(1, 2, one, 0),
        "needs a property id");
    assertThrows(
        IllegalArgumentException.class, () -> new Quad(1, QuadKind.LABEL, 5, one, 0), "no term");
    assertThrows(IllegalStateException.class, () -> name.objectId(), "a value is not an id");
  }
}
