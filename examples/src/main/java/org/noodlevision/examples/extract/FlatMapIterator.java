package org.noodlevision.examples.extract;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Maps each element lazily; elements mapped to null are left out. */
final class FlatMapIterator<A, B> implements Iterator<B> {
  private final Iterator<A> source;
  private final Function<A, B> map;
  private B next;

  FlatMapIterator(Iterator<A> source, Function<A, B> map) {
    this.source = source;
    this.map = map;
  }

  @Override
  public boolean hasNext() {
    while (next == null && source.hasNext()) {
      next = map.apply(source.next());
    }
    return next != null;
  }

  @Override
  public B next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    B b = next;
    next = null;
    return b;
  }
}
