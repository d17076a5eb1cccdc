package com.ngx.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TenantStatusTest {

  @ParameterizedTest
  @CsvSource({
    "PROVISIONING, provisioning",
    "ACTIVE, active",
    "SUSPENDED, suspended",
    "DELETED, deleted",
    "PURGED, purged",
  })
  void apiNameIsTheLowerCaseName(TenantStatus status, String apiName) {
    assertEquals(apiName, status.apiName());
    assertEquals(status, TenantStatus.fromApiName(apiName));
  }

  @ParameterizedTest
  @EnumSource(TenantStatus.class)
  void fromApiNameInvertsApiName(TenantStatus status) {
    assertEquals(status, TenantStatus.fromApiName(status.apiName()));
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        // the Java name is not the API name
        "ACTIVE",
        // nor any other casing
        "Active",
        // surrounding blanks are not trimmed
        "' active'",
        // unknown
        "archived",
        "''",
        "NULL",
      },
      nullValues = "NULL")
  void fromApiNameIsNullForAnythingElse(String name) {
    assertNull(TenantStatus.fromApiName(name));
  }
}
