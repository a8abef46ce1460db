"""Build examples/week04.ipynb (softmax, shallow networks, activations) and run it on minigrad.

    python examples/make_week04.py               # build, run on minigrad, save
    python examples/make_week04.py --no-execute  # build only, without outputs

The cells are written below in the percent format (a line `# %%` starts a code
cell, a line `# %% [markdown]` a markdown cell), following the course's week 4
labs in the style of week03.ipynb: torch code only, after the one ALIAS line.
MNIST is replaced by scikit-learn's 8x8 digits (shipped with the package, no
download). The plots are saved as PNGs beside the notebook.
"""
# ruff: noqa: E501  (markdown cells are kept as written)

from pathlib import Path

from _notebooks import ALIAS, course_header, main
from _notebooks import build as _build

NOTEBOOK = Path(__file__).resolve().parent / "week04.ipynb"

INTRO = (
    course_header(4)
    + r"""
# %% [markdown]
Printed numbers are rounded to 4 digits (`f'{loss:.4f}'`): after hundreds of float32
updates the last of the 8 digits a full print shows may depend on the order of the
additions inside a matrix product, which differs between linear algebra libraries.
# %%
import matplotlib.pyplot as plt
import numpy as np

import torch
import torch.nn
import torch.optim
import torch.utils.data
"""
)

SOFTMAX_1D = r"""
# %% [markdown]
### 5.4 Softmax in One Dimension
# %% [markdown]
Softmax turns $K$ scores $z_k = w_k x + b_k$ into $K$ probabilities:
$$
\hat y_k = \frac{e^{z_k}}{\sum_{j=1}^{K}{e^{z_j}}}, \qquad \hat y = \underset{k}{argmax}(z_k)
$$
# %%
z = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [100.0, 0.0, -100.0]])

softmax = torch.nn.Softmax(dim=-1)
softmax(z)
# %% [markdown]
The probabilities of each row sum to one; the largest score gets the largest probability.
# %%
softmax(z).sum(dim=1)
# %% [markdown]
A data set of three classes on a line: class 0 for $x < -1$, class 1 for $-1 < x < 1$, class 2 for $x \ge 1$.
# %%
class Data(torch.utils.data.Dataset):
  def __init__(self):
    self.x = torch.arange(-2, 2, 0.1).view(-1, 1)
    self.y = torch.zeros(self.x.shape[0])
    self.y[(self.x > -1.0)[:, 0] * (self.x < 1.0)[:, 0]] = 1
    self.y[(self.x >= 1.0)[:, 0]] = 2
    self.y = self.y.type(torch.LongTensor)
    self.len = self.x.shape[0]

  def __getitem__(self, index):
    return self.x[index], self.y[index]

  def __len__(self):
    return self.len

data_set = Data()
data_set.y
# %% [markdown]
One linear function per class: `nn.Linear(1, 3)`
# %%
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(1, 3))
model.state_dict()
# %% [markdown]
`nn.CrossEntropyLoss` takes the scores $z$ (not the probabilities) and the class index:
it applies the softmax, takes the logarithm and averages $-ln\,\hat y_{y_n}$ over the batch.
# %%
criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
trainloader = torch.utils.data.DataLoader(dataset=data_set, batch_size=5)

LOSS = []
snapshots = {}

for epoch in range(300):
  if epoch % 100 == 0:
    snapshots[epoch] = [p.detach().clone() for p in model.parameters()]
  for x, y in trainloader:
    optimizer.zero_grad()
    yhat = model(x)
    loss = criterion(yhat, y)
    loss.backward()
    optimizer.step()
    LOSS.append(loss.item())
snapshots[300] = [p.detach().clone() for p in model.parameters()]

print(f'loss of the last batch: {LOSS[-1]:.4f}')
# %% [markdown]
Prediction: the class of the largest score, from `max(1)` (values and indices) or `argmax(1)`
# %%
z = model(data_set.x)
_, yhat = z.max(1)
print('The prediction:', yhat)
print('The accuracy: ', (data_set.y == yhat).sum().item() / len(data_set))
print('argmax agrees:', torch.equal(yhat, torch.argmax(z, dim=1)))
# %%
Probability = softmax(z)
for i in range(3):
  print(f'probability of class {i} for x = {data_set.x[0, 0].item():.1f}: {Probability[0, i].item():.4f}')
# %%
def plot_lines(snapshots, data_set):
  X, Y = data_set[:][0], data_set[:][1]
  fig, axes = plt.subplots(1, len(snapshots), figsize=(4 * len(snapshots), 3.5), sharey=True)
  for ax, (epoch, (W, B)) in zip(axes, snapshots.items()):
    for k, (w, b, color) in enumerate(zip(W, B, 'rgb')):
      ax.plot(X.numpy(), (w * X + b).numpy(), color, label=f'class {k}')
      ax.plot(X[Y == k, 0].numpy(), 0 * X[Y == k, 0].numpy() + k, color + 'o')
    ax.set_title(f'epoch {epoch}')
    ax.set_xlabel('x')
    ax.grid(True)
  axes[0].set_ylabel('z = w x + b')
  axes[0].legend()
  fig.tight_layout()

plot_lines(snapshots, data_set)
plt.savefig('week04_softmax_lines.png')
# %% [markdown]
Each point is classified by the highest line above it: after training, line 0 is highest left of -1, line 2 right of 1.
"""

SOFTMAX_DIGITS = r"""
# %% [markdown]
### 6.2 Softmax Classifier
# %% [markdown]
The course classifies MNIST; here the 8x8 digits that ship with scikit-learn stand in
(1797 images, 10 classes, no download). Each image is a vector of 64 pixels in $[0, 1]$.
# %%
from sklearn.datasets import load_digits

class Digits(torch.utils.data.Dataset):
  def __init__(self, train=True):
    digits = load_digits()
    cut = 1437
    part = slice(0, cut) if train else slice(cut, None)
    self.x = torch.from_numpy(digits.data[part]).type(torch.FloatTensor) / 16.0
    self.y = torch.from_numpy(digits.target[part]).type(torch.LongTensor)
    self.len = self.x.shape[0]

  def __getitem__(self, index):
    return self.x[index], self.y[index]

  def __len__(self):
    return self.len

train_dataset = Digits(train=True)
validation_dataset = Digits(train=False)
print(len(train_dataset), len(validation_dataset))
print(train_dataset[0][0].shape, train_dataset[0][1])
# %%
class SoftMax(torch.nn.Module):
  def __init__(self, input_size, output_size):
    super(SoftMax, self).__init__()
    self.linear = torch.nn.Linear(input_size, output_size)

  def forward(self, x):
    return self.linear(x)

torch.manual_seed(0)
model = SoftMax(8 * 8, 10)
print(model)
print('W: ', list(model.parameters())[0].size())
print('b: ', list(model.parameters())[1].size())
# %%
def train(model, optimizer, n_epochs, batch_size=100):
  criterion = torch.nn.CrossEntropyLoss()
  train_loader = torch.utils.data.DataLoader(dataset=train_dataset, batch_size=batch_size)
  validation_loader = torch.utils.data.DataLoader(dataset=validation_dataset, batch_size=5000)
  loss_list, accuracy_list = [], []
  for epoch in range(n_epochs):
    for x, y in train_loader:
      optimizer.zero_grad()
      z = model(x.view(-1, 8 * 8))
      loss = criterion(z, y)
      loss.backward()
      optimizer.step()
      loss_list.append(loss.item())
    correct = 0
    for x_test, y_test in validation_loader:
      z = model(x_test.view(-1, 8 * 8))
      _, yhat = torch.max(z.data, 1)
      correct += (yhat == y_test).sum().item()
    accuracy_list.append(correct / len(validation_dataset))
  return loss_list, accuracy_list

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_list, accuracy_list = train(model, optimizer, n_epochs=10)
for epoch, accuracy in enumerate(accuracy_list):
  print(f'epoch {epoch}: validation accuracy {accuracy:.4f}')
# %%
fig, ax1 = plt.subplots()
ax1.plot(loss_list, color='tab:red')
ax1.set_xlabel('iteration')
ax1.set_ylabel('training loss', color='tab:red')
ax2 = ax1.twinx()
ax2.plot(np.arange(1, 11) * len(loss_list) / 10, accuracy_list, 'o-', color='tab:blue')
ax2.set_ylabel('validation accuracy', color='tab:blue')
fig.tight_layout()
plt.savefig('week04_softmax_digits.png')
# %% [markdown]
Each row of $\mathbb W$ is an 8x8 template of its digit: the score of class $k$ is the
pixels weighted by row $k$.
# %%
def PlotParameters(model):
  W = model.state_dict()['linear.weight'].data
  w_min, w_max = W.min().item(), W.max().item()
  fig, axes = plt.subplots(2, 5, figsize=(10, 4))
  for i, ax in enumerate(axes.flat):
    ax.imshow(W[i, :].view(8, 8).numpy(), vmin=w_min, vmax=w_max, cmap='seismic')
    ax.set_title(f'class {i}')
    ax.set_xticks([])
    ax.set_yticks([])
  fig.tight_layout()

PlotParameters(model)
plt.savefig('week04_softmax_weights.png')
# %% [markdown]
A misclassified sample and its probabilities
# %%
Softmax_fn = torch.nn.Softmax(dim=-1)
for x, y in validation_dataset:
  z = model(x.reshape(-1, 8 * 8))
  _, yhat = torch.max(z, 1)
  if yhat != y:
    print('yhat:', yhat, 'y:', y)
    print(f'probability of class {yhat.item()}: {torch.max(Softmax_fn(z)).item():.4f}')
    break
"""

SHALLOW = r"""
# %% [markdown]
### 7.1 Neural Networks: one hidden layer
# %% [markdown]
Two bumps of class 1 on a line cannot be separated by one threshold. A hidden layer
of $H$ sigmoid neurons makes $H$ thresholds that the output neuron combines:
$$
\mathbb a = \sigma(\mathbb x \mathbb W_1 + \mathbb b_1), \qquad \hat y = \sigma(\mathbb a \mathbb W_2 + b_2)
$$
# %%
class Data(torch.utils.data.Dataset):
  def __init__(self):
    self.x = torch.linspace(-20, 20, 100).view(-1, 1)
    self.y = torch.zeros(100)
    self.y[(self.x[:, 0] > -10) & (self.x[:, 0] < -5)] = 1
    self.y[(self.x[:, 0] > 5) & (self.x[:, 0] < 10)] = 1
    self.y = self.y.view(-1, 1)
    self.len = self.x.shape[0]

  def __getitem__(self, index):
    return self.x[index], self.y[index]

  def __len__(self):
    return self.len

class Net(torch.nn.Module):
  def __init__(self, D_in, H, D_out):
    super(Net, self).__init__()
    self.linear1 = torch.nn.Linear(D_in, H)
    self.linear2 = torch.nn.Linear(H, D_out)

  def forward(self, x):
    x = torch.sigmoid(self.linear1(x))
    x = torch.sigmoid(self.linear2(x))
    return x

data_set = Data()
torch.manual_seed(0)
model = Net(1, 9, 1)
model
# %% [markdown]
Full batch, `nn.BCELoss` and Adam
# %%
def train_net(data_set, model, criterion, train_loader, optimizer, epochs=5, plot_every=None):
  cost = []
  outputs = {}
  for epoch in range(epochs):
    total = 0
    for x, y in train_loader:
      optimizer.zero_grad()
      yhat = model(x)
      loss = criterion(yhat, y)
      loss.backward()
      optimizer.step()
      total += loss.item()
    cost.append(total)
    if plot_every and (epoch + 1) % plot_every == 0:
      outputs[epoch + 1] = model(data_set.x).detach()
  return cost, outputs

criterion = torch.nn.BCELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
train_loader = torch.utils.data.DataLoader(dataset=data_set, batch_size=100)
cost, outputs = train_net(data_set, model, criterion, train_loader, optimizer, epochs=600, plot_every=200)
print(f'cost after 600 epochs: {cost[-1]:.3f}')
# %% [markdown]
The cost is printed to 3 digits: 600 Adam steps through two sigmoids grow a difference
in the last bit of `sigmoid` (between numerical libraries) into the 4th digit.
# %%
yhat = model(data_set.x) > 0.5
print('accuracy:', (yhat == data_set.y.bool()).float().mean().item())
# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].plot(data_set.x.numpy(), data_set.y.numpy(), 'ko', label='y')
for epoch, output in outputs.items():
  axes[0].plot(data_set.x.numpy(), output.numpy(), label=f'epoch {epoch}')
axes[0].set_xlabel('x')
axes[0].legend()
axes[1].plot(cost)
axes[1].set_xlabel('epoch')
axes[1].set_ylabel('cost')
fig.tight_layout()
plt.savefig('week04_shallow_network.png')
"""

XOR = r"""
# %% [markdown]
### 7.3 XOR
# %% [markdown]
Four noisy clusters: `y = 1` where exactly one coordinate is 1. No straight line separates the classes.
# %%
class XOR_Data(torch.utils.data.Dataset):
  def __init__(self, N_s=100):
    self.x = torch.zeros((N_s, 2))
    self.y = torch.zeros((N_s, 1))
    for i in range(N_s // 4):
      self.x[i, :] = torch.Tensor([0.0, 0.0])
      self.y[i, 0] = torch.Tensor([0.0])

      self.x[i + N_s // 4, :] = torch.Tensor([0.0, 1.0])
      self.y[i + N_s // 4, 0] = torch.Tensor([1.0])

      self.x[i + N_s // 2, :] = torch.Tensor([1.0, 0.0])
      self.y[i + N_s // 2, 0] = torch.Tensor([1.0])

      self.x[i + 3 * N_s // 4, :] = torch.Tensor([1.0, 1.0])
      self.y[i + 3 * N_s // 4, 0] = torch.Tensor([0.0])

    self.x = self.x + 0.01 * torch.randn((N_s, 2))
    self.len = N_s

  def __getitem__(self, index):
    return self.x[index], self.y[index]

  def __len__(self):
    return self.len

torch.manual_seed(0)
data_set = XOR_Data()
data_set.x[::25]
# %% [markdown]
One, two and four hidden neurons, each trained with the same settings
# %%
def accuracy(model, data_set):
  return np.mean(data_set.y.view(-1).numpy() == (model(data_set.x)[:, 0] > 0.5).numpy())

xor_models, xor_accuracy = {}, {}
for H in [1, 2, 4]:
  torch.manual_seed(0)
  model = Net(2, H, 1)
  optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
  train_loader = torch.utils.data.DataLoader(dataset=data_set, batch_size=10)
  accuracy_list = []
  for epoch in range(300):
    for x, y in train_loader:
      optimizer.zero_grad()
      loss = criterion(model(x), y)
      loss.backward()
      optimizer.step()
    accuracy_list.append(accuracy(model, data_set))
  xor_models[H], xor_accuracy[H] = model, accuracy_list
  print(f'{H} hidden neuron(s): loss {loss.item():.4f}, accuracy {accuracy_list[-1]:.2f}')
# %%
def plot_decision_regions_2class(model, data_set, ax):
  X = data_set.x.numpy()
  y = data_set.y.numpy()
  h = .02
  x_min, x_max = X[:, 0].min() - 0.1, X[:, 0].max() + 0.1
  y_min, y_max = X[:, 1].min() - 0.1, X[:, 1].max() + 0.1
  xx, yy = np.meshgrid(np.arange(x_min, x_max, h), np.arange(y_min, y_max, h))
  XX = torch.Tensor(np.c_[xx.ravel(), yy.ravel()])
  yhat = np.logical_not((model(XX)[:, 0] > 0.5).numpy()).reshape(xx.shape)
  ax.pcolormesh(xx, yy, yhat, cmap='Pastel1', shading='auto')
  ax.plot(X[y[:, 0] == 0, 0], X[y[:, 0] == 0, 1], 'o', label='y=0')
  ax.plot(X[y[:, 0] == 1, 0], X[y[:, 0] == 1, 1], 'ro', label='y=1')

fig, axes = plt.subplots(1, 4, figsize=(16, 3.8))
for H, accuracy_list in xor_accuracy.items():
  axes[0].plot(accuracy_list, label=f'H = {H}')
axes[0].set_xlabel('epoch')
axes[0].set_ylabel('accuracy')
axes[0].legend()
for ax, (H, model) in zip(axes[1:], xor_models.items()):
  plot_decision_regions_2class(model, data_set, ax)
  ax.set_title(f'H = {H}')
fig.tight_layout()
plt.savefig('week04_xor.png')
# %% [markdown]
One hidden neuron draws one line and classifies at most three of the four clusters;
two neurons draw two lines and solve XOR.
"""

ACTIVATIONS = r"""
# %% [markdown]
### 7.5 Activation Functions
# %% [markdown]
$$
\sigma(z)=\frac{1}{1+e^{-z}}, \qquad
tanh(z)=\frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}, \qquad
relu(z)=max(0, z)
$$
Each as a module and as a function:
# %%
z = torch.arange(-10, 10, 0.1,).view(-1, 1)

for module, function in [(torch.nn.Sigmoid(), torch.sigmoid), (torch.nn.Tanh(), torch.tanh), (torch.nn.ReLU(), torch.relu)]:
  print(module, torch.equal(module(z), function(z)))
# %%
z = torch.arange(-2, 2, 0.1).view(-1, 1)
plt.figure()
plt.plot(z.numpy(), torch.relu(z).numpy(), label='relu')
plt.plot(z.numpy(), torch.sigmoid(z).numpy(), label='sigmoid')
plt.plot(z.numpy(), torch.tanh(z).numpy(), label='tanh')
plt.xlabel('z')
plt.legend()
plt.grid(True)
plt.savefig('week04_activations.png')
# %% [markdown]
The derivatives by autograd: the sigmoid's is at most 0.25 and tanh's at most 1, both
vanishing for large $|z|$; relu's is 1 for every $z > 0$.
# %%
z = torch.tensor([-4.0, -1.0, 0.5, 4.0], requires_grad=True)
for name, function in [('sigmoid', torch.sigmoid), ('tanh', torch.tanh), ('relu', torch.relu)]:
  grad, = torch.autograd.grad(function(z).sum(), z)
  print(f'{name:8s}', grad)
# %% [markdown]
#### Compare the activations on the digits: one hidden layer of 50 neurons
# %%
class NetActivation(torch.nn.Module):
  def __init__(self, D_in, H, D_out, activation):
    super(NetActivation, self).__init__()
    self.linear1 = torch.nn.Linear(D_in, H)
    self.linear2 = torch.nn.Linear(H, D_out)
    self.activation = activation

  def forward(self, x):
    x = self.activation(self.linear1(x))
    x = self.linear2(x)
    return x

results = {}
for name, activation in [('sigmoid', torch.sigmoid), ('tanh', torch.tanh), ('relu', torch.relu)]:
  torch.manual_seed(0)
  model = NetActivation(8 * 8, 50, 10, activation)
  optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
  results[name] = train(model, optimizer, n_epochs=10)
  print(f'{name:8s} validation accuracy {results[name][1][-1]:.4f}')
# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for name, (loss_list, accuracy_list) in results.items():
  axes[0].plot(loss_list, label=name)
  axes[1].plot(accuracy_list, label=name)
axes[0].set_xlabel('iteration')
axes[0].set_ylabel('training loss')
axes[1].set_xlabel('epoch')
axes[1].set_ylabel('validation accuracy')
axes[0].legend()
fig.tight_layout()
plt.savefig('week04_activations_digits.png')
"""


def build():
    """The notebook without outputs, with stable cell ids."""
    return _build(ALIAS, INTRO, SOFTMAX_1D, SOFTMAX_DIGITS, SHALLOW, XOR, ACTIVATIONS)


if __name__ == "__main__":
    main(build(), NOTEBOOK, __doc__.splitlines()[0])
