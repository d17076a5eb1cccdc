/** The agent engine's internals: nothing here is exported. */
package com.ngx.agent.internal;
