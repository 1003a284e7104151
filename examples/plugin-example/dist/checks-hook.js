import { defineCheck } from 'benchling-webhook-ops';
// The checks this plugin adds to bwops: the default export of its `bwops:checks` hook
// (package.json "oclif.hooks"). Each check is pure: it reads facts and returns findings.
const nonRoot = defineCheck({
    description: 'Flags a webhook container that runs as root: one with no `user`, or user 0 or root.',
    docs: 'https://github.com/quiltdata/bwops/tree/main/examples/plugin-example#example-non-root',
    id: 'example-non-root',
    needs: ['taskDefinition'],
    run({ taskDefinition }, profile) {
        // bwops's shape, not AWS's: the containers are `containers` (docs/plugins.md)
        const container = taskDefinition.containers.find((c) => c.name === profile.names.container) ?? taskDefinition.containers[0];
        if (!container)
            return [];
        const user = container.user?.split(':')[0];
        if (user !== undefined && user !== '0' && user !== 'root')
            return [];
        return [
            {
                detail: 'A process running as root inside the container can do more harm if the app is compromised.',
                evidence: [`container ${container.name}: ${user === undefined ? 'no user' : `user ${container.user}`}`],
                fix: `Set "user": "1000" in the container definition of ${container.name} (an image that needs root to bind its port can use a port above 1024).`,
                impact: 'hygiene',
                severity: 'warning',
                subject: `container:${container.name}`,
                title: `Container ${container.name} runs as root`,
            },
        ];
    },
    title: 'Webhook container does not run as root',
});
export default async function checks() {
    return [nonRoot];
}
