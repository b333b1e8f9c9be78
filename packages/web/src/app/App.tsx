export function App() {
  return (
    <main>
      <h1>CommonGround</h1>
      <label>
        Data file <input type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" />
      </label>
    </main>
  );
}
