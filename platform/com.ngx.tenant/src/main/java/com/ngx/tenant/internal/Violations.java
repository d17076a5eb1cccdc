package com.ngx.tenant.internal;

import java.sql.SQLException;
import javax.persistence.PersistenceException;

/** Recognises a unique-constraint violation behind a JPA exception, on H2 and PostgreSQL. */
final class Violations {
  private Violations() {}

  static boolean isUniqueViolation(Throwable e) {
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        // 23505: unique_violation (PostgreSQL and H2)
        if ("23505".equals(state)) {
          return true;
        }
      }
    }
    return e instanceof PersistenceException && String.valueOf(e.getMessage()).contains("23505");
  }
}
