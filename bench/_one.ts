const file = process.argv[2];
const quick = process.argv.includes('--quick');
require(file).run({ quick }).then((s: any) => { console.log(s.markdown); process.exit(0); }, (e: any) => { console.error(e); process.exit(1); });
