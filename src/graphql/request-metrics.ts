import type { ApolloServerPlugin } from '@apollo/server';
import { Histogram, Registry } from 'prom-client';

/** An Apollo plugin timing each GraphQL request by operation name (anonymous: "-"). */
export function requestMetrics(registry: Registry): ApolloServerPlugin {
  const duration = new Histogram({
    name: 'hub_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation name and outcome.',
    labelNames: ['operation', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    async requestDidStart() {
      const end = duration.startTimer();
      return {
        async willSendResponse({ operationName, errors }) {
          // Operation names come from clients: keep the label set bounded.
          const operation = operationName && /^\w{1,60}$/.test(operationName) ? operationName : '-';
          end({ operation, outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
